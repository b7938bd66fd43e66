package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

import sc.fiji.slicegan.io.AtomicFiles;

/**
 * A generator as the published SliceGAN's files hold it: the state dict of {@code NAME_Gen.pt}, the layer lists of
 * {@code NAME_params.data}, and what a Python user passes to load it: the network function and the image type.
 */
public final class PublishedGenerator {

	public final Map<String, TorchTensor> stateDict;
	public final SliceGanParams params;
	/** {@code slicegan_nets} or {@code slicegan_rc_nets} (slicegan/networks.py). */
	public final String networkFunction;
	/** The published code's imtype: {@code nphase}, {@code grayscale} or {@code colour}. */
	public final String imageType;
	/** The latent channels, test_img's nz. */
	public final int latentChannels;

	PublishedGenerator(Map<String, TorchTensor> stateDict, SliceGanParams params, String networkFunction,
		String imageType, int latentChannels)
	{
		this.stateDict = Collections.unmodifiableMap(stateDict);
		this.params = params;
		this.networkFunction = networkFunction;
		this.imageType = imageType;
		this.latentChannels = latentChannels;
	}

	/** NAME_Gen.pt for a NAME (a path without the suffix). */
	public static Path generatorFile(Path name) {
		return name.resolveSibling(name.getFileName() + "_Gen.pt");
	}

	/** NAME_params.data for a NAME. */
	public static Path paramsFile(Path name) {
		return name.resolveSibling(name.getFileName() + "_params.data");
	}

	/**
	 * NAME from what a user may give for it: NAME itself, or one of the two files (NAME_Gen.pt, NAME_params.data).
	 */
	public static Path name(Path given) {
		String f = given.getFileName().toString();
		for (String suffix : new String[] { "_Gen.pt", "_params.data" })
			if (f.endsWith(suffix) && f.length() > suffix.length()) return given.resolveSibling(f.substring(0, f
				.length() -
				suffix.length()));
		return given;
	}

	/** Writes NAME_Gen.pt and NAME_params.data, each to a temporary file renamed into place. */
	public void write(Path name) throws IOException {
		AtomicFiles.write(generatorFile(name), out -> TorchFileWriter.write(stateDict, out));
		AtomicFiles.write(paramsFile(name), params::write);
	}

	/** How a Python user opens them with the published code (test_img writes NAME.tif). */
	public String pythonUsage(Path name) {
		return "netD, netG = networks." + networkFunction + "('" + name + "', 0, '" + imageType + "', *[None] * 8); " +
			"util.test_img('" + name + "', '" + imageType + "', netG(), " + latentChannels + ", lf=4)";
	}
}

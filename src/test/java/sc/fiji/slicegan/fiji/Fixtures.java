package sc.fiji.slicegan.fiji;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import sc.fiji.slicegan.cli.Main;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;

/** Files for the bad-input tests: good images and models, and the damaged, lossy or odd ones users meet. */
final class Fixtures {

	final Path dir;

	Fixtures(Path dir) throws IOException {
		this.dir = dir;
		for (String name : new String[] { "blobs-2phase.tif", "three-phase.tif", "noisy-unsegmented.tif",
			"rods-along.tif" })
			Files.copy(Paths.get("test-images", name), dir.resolve(name));
		ImagePlus blobs = IJ.openImage(path("blobs-2phase.tif"));
		// cut in half: ImageJ would fill the missing pixels with zeros
		byte[] whole = Files.readAllBytes(dir.resolve("blobs-2phase.tif"));
		Files.write(dir.resolve("truncated.tif"), java.util.Arrays.copyOf(whole, whole.length / 2));
		new FileSaver(blobs).saveAsJpeg(path("blobs.jpg"));
		Files.copy(dir.resolve("blobs.jpg"), dir.resolve("blobs-jpeg.png"));
		Files.write(dir.resolve("two-samples.tif"), twoSamplesPerPixel(64, 64));
		new FileSaver(new ImagePlus("rgb", blobs.getProcessor().convertToRGB())).saveAsTiff(path("rgb.tif"));
		new FileSaver(labels16(blobs, 1000, 65535, false)).saveAsTiff(path("labels16.tif"));
		new FileSaver(labels16(blobs, -1, 5, true)).saveAsTiff(path("signed.tif"));
		Files.createDirectories(dir.resolve("a-folder.tif"));
		train("m.zip", "blobs-2phase.tif", "n-phase");
		train("grey.zip", "noisy-unsegmented.tif", "grayscale");
		ModelState m = ModelFile.load(dir.resolve("m.zip"));
		m.tensors.get("G.w0")[0] = Float.NaN;
		ModelFile.save(m, dir.resolve("nan.zip"));
		ModelState odd = ModelFile.load(dir.resolve("m.zip"));
		odd.phaseValues = new int[] { 0, 128, 255 };
		ModelFile.save(odd, dir.resolve("phases-misfit.zip"));
		byte[] model = Files.readAllBytes(dir.resolve("m.zip"));
		Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(model, model.length / 2));
		Files.write(dir.resolve("notes.txt"), "not an image".getBytes());
		// generators of the published PyTorch SliceGAN (src/test/resources/pytorch), good and bad, and one imported
		for (String name : new String[] { "rc3_Gen.pt", "rc3_params.data", "transposed3_Gen.pt", "gray1_params.data",
			"legacy_Gen.pt", "module_Gen.pt", "other_Gen.pt" })
			Files.copy(Paths.get("src/test/resources/pytorch", name), dir.resolve(name));
		byte[] gen = Files.readAllBytes(dir.resolve("rc3_Gen.pt"));
		Files.write(dir.resolve("cut_Gen.pt"), java.util.Arrays.copyOf(gen, gen.length / 2));
		if (Main.run(new String[] { "import-pytorch", "--gen", path("rc3_Gen.pt"), "--params", path("rc3_params.data"),
			"--out", path("imported.zip") }, new PrintStream(new ByteArrayOutputStream()), System.err) != 0)
			throw new IllegalStateException("fixture imported.zip failed");
		new FileSaver(IJ.openImage(path("blobs-2phase.tif"))).saveAsTiff(path("existing.tif"));
	}

	String path(String name) {
		return dir.resolve(name).toString();
	}

	/** A tiny model: the small network, one iteration. */
	private void train(String model, String image, String type) {
		int code = Main.run(new String[] { "train", "--image", path(image), "--model", path(model), "--network",
			"small",
			"--data-type", type, "--iterations", "1", "--critic-batch", "1", "--generator-batch", "1", "--critic-steps",
			"1", "--real-crops", "8" }, new PrintStream(new ByteArrayOutputStream()), System.err);
		if (code != 0) throw new IllegalStateException("fixture model " + model + " failed: " + code);
	}

	/** The blobs' two phases as 16-bit values a and b (signed: stored as value + 32768, as ImageJ does). */
	static ImagePlus labels16(ImagePlus blobs, int a, int b, boolean signed) {
		ImageProcessor src = blobs.getProcessor();
		ShortProcessor sp = new ShortProcessor(src.getWidth(), src.getHeight());
		int shift = signed ? 32768 : 0;
		for (int i = 0; i < src.getPixelCount(); i++)
			sp.set(i, (src.get(i) == 0 ? a : b) + shift);
		ImagePlus imp = new ImagePlus("labels", sp);
		if (signed) imp.getCalibration().setSigned16BitCalibration();
		return imp;
	}

	/** A little-endian TIFF with two 8-bit samples per pixel, which ImageJ cannot open. */
	static byte[] twoSamplesPerPixel(int w, int h) {
		int entries = 10, ifd = 8, data = ifd + 2 + entries * 12 + 4;
		ByteBuffer b = ByteBuffer.allocate(data + w * h * 2).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
		b.putShort((short) entries);
		entry(b, 256, 3, 1, w);
		entry(b, 257, 3, 1, h);
		b.putShort((short) 258).putShort((short) 3).putInt(2).putShort((short) 8).putShort((short) 8);
		entry(b, 259, 3, 1, 1);
		entry(b, 262, 3, 1, 1);
		entry(b, 273, 4, 1, data);
		entry(b, 277, 3, 1, 2);
		entry(b, 278, 3, 1, h);
		entry(b, 279, 4, 1, w * h * 2);
		entry(b, 284, 3, 1, 1);
		b.putInt(0);
		return b.array();
	}

	private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
		b.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt(value);
	}
}

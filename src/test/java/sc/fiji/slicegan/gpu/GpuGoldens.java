package sc.fiji.slicegan.gpu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;

/** Writes the CPU backend's outputs of {@link OpCases}: the golden file for the GPU check. */
public final class GpuGoldens {

	public static void main(String[] args) throws IOException {
		Path file = Paths.get(args.length > 0 ? args[0] : "target/gpu-golden/ops.bin");
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (Backend be = new Nd4jBackend(Precision.FLOAT); OutputStream os = Files.newOutputStream(file)) {
			Map<String, float[]> values = OpCases.run(be);
			OpCases.write(values, os);
			System.out.println(values.size() + " golden outputs written to " + file);
		}
		// the training image as raw bytes: the GPU machine's small JRE has no AWT for ImageJ's readers
		ij.ImagePlus imp = ij.IJ.openImage("test-images/blobs-2phase.tif");
		try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(file.resolveSibling(
			"blobs-2phase.bin"))))
		{
			out.writeInt(imp.getWidth());
			out.writeInt(imp.getHeight());
			out.write((byte[]) imp.getProcessor().getPixels());
		}
	}
}

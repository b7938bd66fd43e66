package sc.fiji.slicegan.pytorch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;

/**
 * The export check of {@code PyTorchExportTest} for any model file, e.g. one trained with the full-size networks:
 * exports it into DIR, writes a noise of latent size LF and our output for it, and runs
 * scripts/pytorch/check_export.py on them (with {@code --published SLICEGAN_DIR} when given).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:target/lib/* sc.fiji.slicegan.pytorch.ExportCheck MODEL.zip DIR LF [SLICEGAN_DIR]
 * </pre>
 */
public final class ExportCheck {

	private ExportCheck() {}

	public static void main(String[] args) throws Exception {
		ModelState m = ModelFile.load(Paths.get(args[0]));
		Path dir = Files.createDirectories(Paths.get(args[1]));
		int lf = Integer.parseInt(args[2]);
		Path name = dir.resolve("exported");
		long t0 = System.nanoTime();
		GeneratorExport.of(m).write(name);
		System.out.printf("exported %s in %.1f s (%d bytes)%n", name, (System.nanoTime() - t0) / 1e9, Files.size(
			PublishedGenerator.generatorFile(name)));
		int[] shape = { 1, m.spec.latentChannels, lf, lf, lf };
		float[] noise = new float[m.spec.latentChannels * lf * lf * lf];
		Random r = new Random(3);
		for (int i = 0; i < noise.length; i++)
			noise[i] = (float) r.nextGaussian();
		PyTorchFiles.writeFloats(dir.resolve("noise.f32"), noise);
		try (Backend be = new Nd4jBackend(Precision.FLOAT)) {
			PyTorchFiles.writeFloats(dir.resolve("ours.f32"), PyTorchFiles.evaluate(be, m, shape, noise));
		}
		List<String> cmd = new ArrayList<>(Arrays.asList(PythonTorch.find(), "scripts/pytorch/check_export.py", name
			.toString(), "--noise", dir.resolve("noise.f32").toString(), "--volume", dir.resolve("ours.f32").toString(),
			"--type", GeneratorExport.imageType(m.kind)));
		if (args.length > 3) cmd.addAll(Arrays.asList("--published", args[3]));
		PythonTorch.Result res = PythonTorch.run(cmd.toArray(new String[0]));
		System.out.println(res.output.trim());
		System.exit(res.exitCode);
	}
}

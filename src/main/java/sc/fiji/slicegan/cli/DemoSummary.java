package sc.fiji.slicegan.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import sc.fiji.slicegan.data.PhaseTable;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.io.ModelState;
import sc.fiji.slicegan.train.TrainingProgress;

/** The demo's one-screen summary: what was trained, what was written, and real vs generated statistics. */
final class DemoSummary {

	private DemoSummary() {}

	static void print(PrintStream out, SourceImage real, ModelState model, GeneratedVolume volume, Path modelPath,
		Path volumePath, double trainSeconds)
	{
		PhaseTable phases = PhaseTable.of(real);
		out.println();
		out.println("=== SliceGAN demo summary ===");
		out.printf(Locale.ROOT, "training image : %s, phases %s%n", real, phases);
		out.printf(Locale.ROOT, "network        : %s%n", model.spec);
		out.printf(Locale.ROOT, "training       : %d iterations in %s%n", model.iteration, TrainingProgress.clock(
			Math.round(trainSeconds * 1000)));
		out.printf(Locale.ROOT, "model file     : %s%n", modelPath);
		out.printf(Locale.ROOT, "volume         : %s (%d×%d×%d, 8-bit, voxel %s %s)%n", volumePath, volume.width,
			volume.height, volume.depth, model.pixelSize, model.unit);
		double[] realFractions = fractions(real, phases);
		double[] generated = volume.histogram();
		out.println("phase fractions: value   image   generated");
		for (int p = 0; p < phases.count(); p++)
			out.printf(Locale.ROOT, "                 %5d  %6.3f   %6.3f%n", phases.value(p), realFractions[p],
				generated[phases.value(p)]);
	}

	private static double[] fractions(SourceImage im, PhaseTable phases) {
		double[] f = new double[phases.count()];
		for (int z = 0; z < im.depth; z++)
			for (int y = 0; y < im.height; y++)
				for (int x = 0; x < im.width; x++)
					f[phases.phaseOf(im.value(x, y, z))]++;
		for (int p = 0; p < f.length; p++)
			f[p] /= (double) im.width * im.height * im.depth;
		return f;
	}
}

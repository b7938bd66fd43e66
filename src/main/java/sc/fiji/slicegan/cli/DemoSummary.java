package sc.fiji.slicegan.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.train.TrainingProgress;

/** The demo's one-screen summary: what was trained, what was written, and real vs generated statistics. */
final class DemoSummary {

	/** Distances at which the two-point correlation is shown. */
	private static final int[] RADII = { 0, 1, 2, 4, 8 };

	private DemoSummary() {}

	static void print(PrintStream out, ModelState model, int edge, Path modelPath, Path dir, double trainSeconds,
		CompareReport report)
	{
		out.println();
		out.println("=== SliceGAN demo summary ===");
		out.printf(Locale.ROOT, "training image : %s%n", model.source);
		out.printf(Locale.ROOT, "network        : %s%n", model.spec);
		out.printf(Locale.ROOT, "training       : %d iterations in %s%n", model.iteration, TrainingProgress.clock(
			Math.round(trainSeconds * 1000)));
		out.printf(Locale.ROOT, "model file     : %s%n", modelPath);
		out.printf(Locale.ROOT, "volume         : %s (%d×%d×%d, 8-bit, voxel %s %s)%n", dir.resolve("volume.tif"),
			edge, edge, edge, model.pixelSize, model.unit);
		out.printf(Locale.ROOT, "comparison     : %s (CSV tables, PNG plots)%n", dir.resolve("compare"));
		out.println();
		out.printf(Locale.ROOT, "%-6s %-28s %10s %10s%n", "phase", "statistic", "image", "generated");
		for (int phase : report.phases) {
			row(out, report, phase, CompareReport.PHASE_FRACTION, "all", "phase fraction");
			row(out, report, phase, CompareReport.SURFACE_AREA, "all", "specific surface (1/voxel)");
			for (CompareReport.Curve c : report.curves) {
				if (c.phase != phase || c.axis != sc.fiji.slicegan.metrics.Axis.X) continue;
				for (int r : RADII)
					if (r < c.real.length) out.printf(Locale.ROOT, "%-6d %-28s %10.4f %10.4f%n", phase, "S2(r=" + r +
						") along x", c.real[r], c.generatedMean[r]);
			}
			for (CompareReport.Row r : report.rows)
				if (r.phase == phase && r.metric.equals(CompareReport.TORTUOSITY) && r.axis.equals("x")) out.printf(
					Locale.ROOT, "%-6d %-28s %10s %10.3f%n", phase, "tortuosity factor along x", "(3D only)",
					r.generatedMean);
		}
	}

	private static void row(PrintStream out, CompareReport report, int phase, String metric, String axis,
		String label)
	{
		for (CompareReport.Row r : report.rows)
			if (r.phase == phase && r.metric.equals(metric) && r.axis.equals(axis)) out.printf(Locale.ROOT,
				"%-6d %-28s %10.4f %10.4f%n", phase, label, r.real, r.generatedMean);
	}
}

package sc.fiji.slicegan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.CsvWriter;
import sc.fiji.slicegan.compare.LabelImages;
import sc.fiji.slicegan.compare.RealSection;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.ij.ComparePlots;
import sc.fiji.slicegan.ij.TrainingImages;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.io.ModelState;
import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;
import sc.fiji.slicegan.metrics.TwoPointCorrelation;

/**
 * {@code compare}: real 2D image(s) against generated volumes (read from TIFF stacks, or generated from a model),
 * written as CSV tables and PNG plots, with the table printed.
 */
final class CompareCommand {

	private CompareCommand() {}

	static final Set<String> KEYS = new HashSet<>(Arrays.asList("image", "image-y", "image-x", "volume", "model",
		"count", "edge", "seed", "out", "periodic", "backend"));

	static CompareReport run(String[] args, PrintStream out) {
		Options o = new Options(args, 1, KEYS);
		Path dir = Paths.get(o.required("out"));
		List<RealSection> real = new ArrayList<>();
		LabelVolume z = section(o.required("image"));
		if (!o.has("image-y") && !o.has("image-x")) real.add(RealSection.isotropic(z));
		else {
			real.add(new RealSection(z, Axis.Z));
			String side = o.string("image-y", o.string("image-x", null));
			real.add(new RealSection(section(o.string("image-y", side)), Axis.Y));
			real.add(new RealSection(section(o.string("image-x", side)), Axis.X));
		}
		List<LabelVolume> generated = new ArrayList<>();
		if (o.has("volume")) {
			for (String f : o.string("volume", "").split(","))
				generated.add(stack(Paths.get(f.trim())));
		}
		else if (o.has("model")) {
			ModelState model = ModelFile.load(Paths.get(o.string("model", null)));
			int count = o.integer("count", 3);
			long seed = o.longValue("seed", 1);
			try (Backend backend = Backends.open(o.string("backend", "auto"), Precision.FLOAT); VolumeGenerator g =
				new VolumeGenerator(backend, model))
			{
				for (int i = 0; i < count; i++) {
					generated.add(LabelImages.labels(g.generateEdge(o.integer("edge", 64), seed + i)));
				}
			}
		}
		else throw new BadInputException("Give the generated volumes (--volume a.tif,b.tif) or a model to generate " +
			"them (--model m.zip --count 3).");
		CompareReport.Options opt = new CompareReport.Options();
		if (o.has("periodic")) opt.boundary = Boolean.parseBoolean(o.string("periodic", "false"))
			? TwoPointCorrelation.Boundary.PERIODIC : TwoPointCorrelation.Boundary.NON_PERIODIC;
		opt.status = s -> out.println("compare: " + s);
		CompareReport report = CompareReport.compute(real, generated, opt);
		try {
			CsvWriter.write(report, dir);
		}
		catch (IOException e) {
			throw new BadInputException("Could not write the tables into " + dir + ": " + e.getMessage());
		}
		ComparePlots.savePng(report, dir);
		print(report, out);
		out.println("Tables (CSV) and plots (PNG) written to " + dir);
		return report;
	}

	static void print(CompareReport report, PrintStream out) {
		out.printf(Locale.ROOT, "%-58s %5s %4s %10s %10s %9s%n", "metric", "phase", "axis", "image", "generated", "sd");
		for (CompareReport.Row r : report.rows)
			out.printf(Locale.ROOT, "%-58s %5s %4s %10.4f %10.4f %9.4f%n", r.metric, r.phase < 0 ? "all" : String
				.valueOf(r.phase), r.axis, r.real, r.generatedMean, r.generatedSd);
	}

	private static LabelVolume section(String file) {
		return LabelImages.labels(ImageFiles.read(Paths.get(file)).image);
	}

	private static LabelVolume stack(Path file) {
		ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null || imp.getStackSize() < 2) throw new BadInputException(file + " is not a readable 3D stack.");
		return LabelImages.labels(TrainingImages.toSource(imp));
	}
}

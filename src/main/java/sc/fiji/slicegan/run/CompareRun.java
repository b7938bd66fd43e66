package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.CsvWriter;
import sc.fiji.slicegan.compare.LabelImages;
import sc.fiji.slicegan.compare.RealSection;
import sc.fiji.slicegan.generate.PeriodicAxes;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;
import sc.fiji.slicegan.metrics.TwoPointCorrelation;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.progress.CancelledException;
import sc.fiji.slicegan.progress.Progress;

/**
 * The comparison, assembled once for the command line and Fiji: real 2D section(s) against generated volumes
 * (read from stacks, or generated from a model), with CSV tables and PNG plots written when a folder is given.
 * Cancel ends it within a diffusion iteration; a cancelled comparison writes nothing.
 */
public final class CompareRun {

	/** What a run leaves: the report, or null when cancelled. */
	public static final class Outcome {
		public final CompareReport report;
		public final boolean cancelled;
		/** Where the tables and plots are, or null. */
		public final Path folder;

		Outcome(CompareReport report, boolean cancelled, Path folder) {
			this.report = report;
			this.cancelled = cancelled;
			this.folder = folder;
		}
	}

	/** Share of the progress bar for generating the volumes; the statistics take the rest. */
	private static final double GENERATION = 0.15;

	private CompareRun() {}

	public static Outcome run(Sections real, OptionValues v, ImageFiles files, Progress progress) {
		Path folder = v.path(CompareOptions.OUTPUT_FOLDER);
		try {
			List<RealSection> sections = new ArrayList<>();
			if (real.isotropic()) sections.add(RealSection.isotropic(section(real.z)));
			else {
				sections.add(new RealSection(section(real.z), Axis.Z));
				sections.add(new RealSection(section(real.y), Axis.Y));
				sections.add(new RealSection(section(real.x), Axis.X));
			}
			List<LabelVolume> generated = generated(v, files, progress.range(0, GENERATION));
			CompareReport.Options opt = new CompareReport.Options();
			opt.boundary = v.flag(CompareOptions.S2_PERIODIC) ? TwoPointCorrelation.Boundary.PERIODIC
				: TwoPointCorrelation.Boundary.NON_PERIODIC;
			opt.progress = progress.range(GENERATION, 1);
			CompareReport report = CompareReport.compute(sections, generated, opt);
			if (folder != null) {
				try {
					CsvWriter.write(report, folder);
					files.writePlots(report, folder);
				}
				catch (IOException e) {
					throw new BadInputException("Could not write the tables and plots into " + folder + ": " + e
						.getMessage());
				}
				progress.log("Tables (CSV) and plots (PNG) written to " + folder);
			}
			return new Outcome(report, false, folder);
		}
		catch (CancelledException e) {
			progress.log("Comparison cancelled.");
			return new Outcome(null, true, null);
		}
	}

	private static LabelVolume section(InputImage im) {
		if (im.image.is3D()) throw new BadInputException("Image '" + im.name() + "' is a stack: compare takes 2D " +
			"sections of the real material.");
		return LabelImages.labels(im.image);
	}

	/** The volumes to compare: the stacks given, or new ones from the model. */
	private static List<LabelVolume> generated(OptionValues v, ImageFiles files, Progress progress) {
		List<LabelVolume> out = new ArrayList<>();
		String stacks = v.text(CompareOptions.VOLUMES).trim();
		Path modelFile = v.path(CompareOptions.MODEL_FILE);
		if (!stacks.isEmpty()) {
			for (String f : stacks.split(",")) {
				progress.checkCancelled();
				InputImage im = files.read(Paths.get(f.trim()));
				if (!im.image.is3D()) throw new BadInputException(f.trim() + " is not a 3D stack.");
				out.add(LabelImages.labels(im.image));
			}
			return out;
		}
		if (modelFile == null) throw new BadInputException("Give the generated volumes (" + v.name(
			CompareOptions.VOLUMES) + " a.tif,b.tif) or a model to generate them (" + v.name(CompareOptions.MODEL_FILE) +
			").");
		ModelState model = ModelFile.load(modelFile);
		int count = v.integer(CompareOptions.COUNT);
		long seed = v.longValue(CompareOptions.SEED);
		boolean[] periodic = PeriodicAxes.parse(v.text(CompareOptions.PERIODIC));
		try (Backend backend = Backends.open(v.text(CompareOptions.BACKEND), Precision.FLOAT, progress::log);
			VolumeGenerator g = new VolumeGenerator(backend, model))
		{
			g.setMemoryBudget(CommonOptions.memoryBytes(v));
			for (int i = 0; i < count; i++) {
				progress.status("generating volume " + (i + 1) + "/" + count);
				g.setProgress(progress.range((double) i / count, (i + 1.0) / count));
				out.add(LabelImages.labels(g.generateEdge(v.integer(CompareOptions.EDGE), seed + i, periodic)));
			}
		}
		return out;
	}
}

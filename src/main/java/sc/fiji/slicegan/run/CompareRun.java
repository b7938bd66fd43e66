package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.CsvWriter;
import sc.fiji.slicegan.compare.LabelImages;
import sc.fiji.slicegan.compare.RealSection;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.SourceImage;
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
 * Both sides must be segmented with the same phases (their values, 8- or 16-bit, are kept). Cancel ends it within
 * a diffusion iteration; a cancelled comparison writes nothing.
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
		Path modelFile = v.path(CompareOptions.MODEL_FILE);
		List<Path> stacks = stackFiles(v);
		if (stacks.isEmpty() && modelFile == null) throw new BadInputException("Give the generated volumes (" + v.name(
			CompareOptions.VOLUMES) + " a.tif,b.tif) or a model to generate them (" + v.name(
				CompareOptions.MODEL_FILE) +
			").");
		if (folder != null) {
			Outputs outputs = new Outputs(v, progress).input(modelFile, "model");
			for (InputImage im : new InputImage[] { real.z, real.y, real.x })
				if (im != null) outputs.input(im.file, "real image");
			for (Path p : stacks)
				outputs.input(p, "volume");
			outputs.folder(folder, CompareOptions.OUTPUT_FOLDER, Arrays.asList(CsvWriter.METRICS, CsvWriter.S2,
				CsvWriter.PER_VOLUME));
		}
		TreeSet<Integer> realPhases = new TreeSet<>();
		for (InputImage im : new InputImage[] { real.z, real.y, real.x })
			if (im != null) {
				if (im.image.is3D()) throw new BadInputException("Image '" + im.name() +
					"' is a stack: compare takes 2D " +
					"sections of the real material.");
				for (int p : LabelImages.phases(im.image))
					realPhases.add(p);
			}
		try {
			List<LabelVolume> generated = new ArrayList<>();
			int[] table = stacks.isEmpty() ? fromModel(modelFile, realPhases, v, generated, progress.range(0,
				GENERATION))
				: fromStacks(stacks, realPhases, files, generated, progress.range(0, GENERATION));
			List<RealSection> sections = new ArrayList<>();
			if (real.isotropic()) sections.add(RealSection.isotropic(LabelImages.labels(real.z.image, table)));
			else {
				sections.add(new RealSection(LabelImages.labels(real.z.image, table), Axis.Z));
				sections.add(new RealSection(LabelImages.labels(real.y.image, table), Axis.Y));
				sections.add(new RealSection(LabelImages.labels(real.x.image, table), Axis.X));
			}
			CompareReport.Options opt = new CompareReport.Options();
			opt.boundary = v.flag(CompareOptions.S2_PERIODIC) ? TwoPointCorrelation.Boundary.PERIODIC
				: TwoPointCorrelation.Boundary.NON_PERIODIC;
			opt.phaseValues = table;
			opt.progress = progress.range(GENERATION, 1);
			CompareReport report = CompareReport.compute(sections, generated, opt);
			if (folder != null) {
				try {
					CsvWriter.write(report, folder);
					files.writePlots(report, folder);
				}
				catch (IOException e) {
					throw new BadInputException("Could not write the tables and plots into " + folder + ": " +
						e.getMessage());
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

	private static List<Path> stackFiles(OptionValues v) {
		List<Path> files = new ArrayList<>();
		for (String f : v.text(CompareOptions.VOLUMES).split(","))
			if (!f.trim().isEmpty()) files.add(Paths.get(f.trim()));
		return files;
	}

	/** Reads the stacks; returns the phase table, which must be the real image's. */
	private static int[] fromStacks(List<Path> stacks, TreeSet<Integer> realPhases, ImageFiles files,
		List<LabelVolume> out, Progress progress)
	{
		List<SourceImage> images = new ArrayList<>();
		TreeSet<Integer> phases = new TreeSet<>();
		for (Path f : stacks) {
			progress.checkCancelled();
			InputImage im = files.read(f);
			if (!im.image.is3D()) throw new BadInputException(f + " is not a 3D stack.");
			for (int p : LabelImages.phases(im.image))
				phases.add(p);
			images.add(im.image);
		}
		int[] table = samePhases(realPhases, phases, "the volumes");
		for (SourceImage im : images)
			out.add(LabelImages.labels(im, table));
		return table;
	}

	/** Generates the volumes; returns the phase table, which must be the real image's. */
	private static int[] fromModel(Path modelFile, TreeSet<Integer> realPhases, OptionValues v, List<LabelVolume> out,
		Progress progress)
	{
		ModelState model = ModelFile.load(modelFile);
		if (model.kind != ImageKind.N_PHASE) throw new BadInputException("The model " + modelFile + " is " + model.kind
			.label() + ": compare takes n-phase (segmented) models, whose statistics are those of phases.");
		TreeSet<Integer> phases = new TreeSet<>();
		for (int p : model.phaseValues)
			phases.add(p);
		int[] table = samePhases(realPhases, phases, "the model");
		int count = v.integer(CompareOptions.COUNT), edge = v.integer(CompareOptions.EDGE);
		long seed = v.longValue(CompareOptions.SEED);
		boolean[] periodic = PeriodicAxes.parse(v.text(CompareOptions.PERIODIC));
		try (Backend backend = Backends.open(v.text(CompareOptions.BACKEND), Precision.FLOAT, progress::log);
			VolumeGenerator g = new VolumeGenerator(backend, model))
		{
			g.setMemoryBudget(CommonOptions.memoryBytes(v));
			Resources.checkGeneration(g, 0, edge, periodic, count, true, backend, v, CompareOptions.EDGE);
			for (int i = 0; i < count; i++) {
				progress.status("generating volume " + (i + 1) + "/" + count);
				g.setProgress(progress.range((double) i / count, (i + 1.0) / count));
				out.add(LabelImages.labels(g.generateEdge(edge, seed + i, periodic), model.phaseValues, table));
			}
		}
		return table;
	}

	private static int[] samePhases(TreeSet<Integer> real, TreeSet<Integer> generated, String what) {
		if (!real.equals(generated)) throw new BadInputException("The real image has phases " + real + " but " + what +
			" has " + generated + ": compare volumes with the image (or kind of image) they were trained on.");
		return real.stream().mapToInt(Integer::intValue).toArray();
	}
}

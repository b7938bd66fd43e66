package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.PeriodicAxes;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.progress.CancelledException;
import sc.fiji.slicegan.progress.Progress;

/**
 * Generation, assembled once for the command line and Fiji: volumes from a model file, written as TIFF stacks
 * when an output file is given, else returned to be shown. Cancel ends it between two slabs; the volumes finished
 * by then are kept.
 */
public final class GenerateRun {

	/** What a run leaves. */
	public static final class Outcome {
		public final ModelState model;
		/** The volumes, in seed order, unless they were only written to files. */
		public final List<GeneratedVolume> volumes;
		/** The files written, in seed order. */
		public final List<Path> files;
		public final boolean cancelled;

		Outcome(ModelState model, List<GeneratedVolume> volumes, List<Path> files, boolean cancelled) {
			this.model = model;
			this.volumes = Collections.unmodifiableList(volumes);
			this.files = Collections.unmodifiableList(files);
			this.cancelled = cancelled;
		}
	}

	private GenerateRun() {}

	/** @param keep whether to return the volumes also when they are written to files (Fiji shows them) */
	public static Outcome run(OptionValues v, ImageFiles files, Progress progress, boolean keep) {
		Path modelFile = v.path(GenerateOptions.MODEL_FILE);
		Path output = v.path(GenerateOptions.OUTPUT_FILE);
		int count = v.integer(GenerateOptions.COUNT);
		long seed = v.longValue(GenerateOptions.SEED);
		boolean[] periodic = PeriodicAxes.parse(v.text(GenerateOptions.PERIODIC));
		if (output != null) {
			Outputs outputs = new Outputs(v, progress).input(modelFile, "model");
			for (int i = 0; i < count; i++)
				outputs.file(count == 1 ? output : numbered(output, i), GenerateOptions.OUTPUT_FILE);
		}
		ModelState model = ModelFile.load(modelFile);
		int latent = v.integer(GenerateOptions.LATENT_SIZE), edge = v.integer(GenerateOptions.EDGE);
		List<GeneratedVolume> kept = new ArrayList<>();
		List<Path> written = new ArrayList<>();
		try (Backend backend = Backends.open(v.text(GenerateOptions.BACKEND), Precision.FLOAT, progress::log);
			VolumeGenerator g = new VolumeGenerator(backend, model))
		{
			g.setMemoryBudget(CommonOptions.memoryBytes(v));
			Resources.checkGeneration(g, latent, edge, periodic, count, output == null || keep, backend, v, latent > 0
				? GenerateOptions.LATENT_SIZE : GenerateOptions.EDGE);
			for (int i = 0; i < count; i++) {
				progress.status(String.format(Locale.ROOT, "generating volume %d/%d (seed %d)", i + 1, count, seed +
					i));
				g.setProgress(progress.range((double) i / count, (i + 1.0) / count));
				long t0 = System.nanoTime();
				GeneratedVolume volume = latent > 0 ? g.generate(latent, seed + i, periodic) : g.generateEdge(edge,
					seed +
						i, periodic);
				double seconds = (System.nanoTime() - t0) / 1e9;
				String made = String.format(Locale.ROOT, "Generated %d×%d×%d volume (seed %d) in %.2f s", volume.width,
					volume.height, volume.depth, seed + i, seconds);
				if (output == null || keep) kept.add(volume);
				if (output == null) {
					progress.log(made);
					continue;
				}
				Path file = count == 1 ? output : numbered(output, i);
				try {
					files.writeVolume(volume, model, modelFile.toString(), file);
				}
				catch (IOException e) {
					throw new BadInputException("Could not write " + file + ": " + e.getMessage());
				}
				written.add(file);
				progress.log(made + ": " + file);
			}
		}
		catch (CancelledException e) {
			progress.log("Generation cancelled after " + Math.max(kept.size(), written.size()) + " of " + count +
				" volumes.");
			return new Outcome(model, kept, written, true);
		}
		return new Outcome(model, kept, written, false);
	}

	/** NAME-001.tif, NAME-002.tif, … for several volumes. */
	static Path numbered(Path p, int i) {
		String name = p.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name, ext = dot > 0 ? name.substring(dot) : ".tif";
		return p.resolveSibling(String.format(Locale.ROOT, "%s-%03d%s", stem, i + 1, ext));
	}
}

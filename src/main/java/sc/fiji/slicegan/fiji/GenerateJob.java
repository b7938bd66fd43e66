package sc.fiji.slicegan.fiji;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import ij.ImagePlus;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.PeriodicAxes;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.ij.VolumeStacks;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.io.ModelState;

/** Generates volumes from a model file as calibrated Z-stacks. */
public final class GenerateJob {

	private GenerateJob() {}

	/** The stacks, in seed order; {@code status} hears one line per volume. */
	public static List<ImagePlus> run(GenerateRequest r, Consumer<String> status) {
		r.check();
		ModelState model = ModelFile.load(r.modelFile);
		String stem = TrainingJob.stem(r.modelFile.getFileName().toString());
		List<ImagePlus> out = new ArrayList<>();
		boolean[] periodic = PeriodicAxes.parse(r.periodic);
		try (Backend backend = Backends.open(r.backend, Precision.FLOAT); VolumeGenerator g = new VolumeGenerator(
			backend, model))
		{
			for (int i = 0; i < r.count; i++) {
				long seed = r.seed + i;
				status.accept("SliceGAN: generating volume " + (i + 1) + "/" + r.count + " (seed " + seed + ")");
				GeneratedVolume v = r.latentSize > 0 ? g.generate(r.latentSize, seed, periodic) : g.generateEdge(r.edge,
					seed, periodic);
				out.add(VolumeStacks.toImagePlus(v, stem + "-seed" + seed, model, r.modelFile.toString()));
			}
		}
		return out;
	}
}

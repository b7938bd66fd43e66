package sc.fiji.slicegan.run;

import java.util.Arrays;

import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.generate.PeriodicAxes;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.run.Option.Kind;

/** Options that several use cases share, defined once. */
public final class CommonOptions {

	private CommonOptions() {}

	public static final Option BACKEND = Option.choice("backend", "auto", Arrays.asList(Backends.CHOICES),
		"auto: an NVIDIA GPU when a usable one is found, else the CPU");

	public static final Option MODEL_FILE = Option.path("model_file", Kind.FILE, "the model file (.zip) made by " +
		"SliceGAN training").required().alias("model");

	public static final Option PERIODIC = Option.choice("periodic", "none", Arrays.asList(PeriodicAxes.CHOICES),
		"axes along which the volume wraps around (its edge is then a whole number of periods)");

	public static final Option MEMORY_GB = Option.number("memory_gb", VolumeGenerator.DEFAULT_MEMORY_BUDGET /
		(double) (1L << 30), 0.01, 1e6, "GiB of tensor memory per slab: larger volumes are made in slabs along z")
		.advanced();

	public static final Option OVERWRITE = Option.flag("overwrite",
		"replace output files that exist (in Fiji, without " +
			"asking)");

	static long memoryBytes(OptionValues v) {
		return (long) (v.number(MEMORY_GB) * (1L << 30));
	}
}

package sc.fiji.slicegan.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import sc.fiji.slicegan.run.Option.Kind;

/** The generation options, defined once. */
public final class GenerateOptions {

	private GenerateOptions() {}

	public static final Option MODEL_FILE = CommonOptions.MODEL_FILE;
	public static final Option OUTPUT_FILE = Option.path("output_file", Kind.SAVE_FILE, "the TIFF stack to write " +
		"(with count > 1: NAME-001.tif, NAME-002.tif, …); in Fiji optional, the stacks are shown").alias("out");
	public static final Option EDGE = Option.integer("edge", 64, 1, 1 << 20, "edge of the volume in voxels (the " +
		"smallest latent grid that covers it, cropped)");
	public static final Option LATENT_SIZE = Option.integer("latent_size", 0, 0, 1 << 16, "the latent grid's edge " +
		"(≥ 4; the volume edge is 32·size − 64 for table1 networks); 0: from the edge").alias("latent");
	public static final Option PERIODIC = CommonOptions.PERIODIC;
	public static final Option SEED = Option.longInteger("seed", 1, "seed of the first volume's noise");
	public static final Option COUNT = Option.integer("count", 1, 1, 100_000, "number of volumes, with seeds seed, " +
		"seed+1, …");
	public static final Option BACKEND = CommonOptions.BACKEND;
	public static final Option MEMORY_GB = CommonOptions.MEMORY_GB;
	public static final Option OVERWRITE = CommonOptions.OVERWRITE;

	public static final List<Option> ALL = Collections.unmodifiableList(Arrays.asList(MODEL_FILE, OUTPUT_FILE, EDGE,
		LATENT_SIZE, PERIODIC, SEED, COUNT, BACKEND, MEMORY_GB, OVERWRITE));
}

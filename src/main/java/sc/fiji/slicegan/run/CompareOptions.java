package sc.fiji.slicegan.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import sc.fiji.slicegan.run.Option.Kind;

/** The comparison options, defined once. */
public final class CompareOptions {

	private CompareOptions() {}

	public static final Option IMAGE = Option.path("image", Kind.IMAGE, "the real segmented 2D section (alone, " +
		"every orientation)").required();
	public static final Option IMAGE_Y = Option.path("image_y", Kind.IMAGE, "the section normal to y " +
		"(anisotropic only)");
	public static final Option IMAGE_X = Option.path("image_x", Kind.IMAGE, "the section normal to x " +
		"(anisotropic only)");
	public static final Option MODEL_FILE = Option.path("model_file", Kind.FILE, "a model to generate the volumes " +
		"from (or give volume files)").alias("model");
	public static final Option VOLUMES = Option.text("volumes", "", "generated volumes to compare instead: TIFF " +
		"stacks, separated by commas").alias("volume");
	public static final Option COUNT = Option.integer("count", 3, 1, 10_000, "volumes to generate from the model");
	public static final Option EDGE = Option.integer("edge", 64, 8, 1 << 16, "edge of the generated volumes " +
		"(voxels)");
	public static final Option PERIODIC = CommonOptions.PERIODIC;
	public static final Option SEED = Option.longInteger("seed", 1, "seed of the first generated volume");
	public static final Option BACKEND = CommonOptions.BACKEND;
	public static final Option OUTPUT_FOLDER = Option.path("output_folder", Kind.FOLDER, "where to write the CSV " +
		"tables and PNG plots (Fiji: empty for none, the table and plots are shown)").alias("out");
	public static final Option S2_PERIODIC = Option.flag("s2_periodic", "two-point correlations with periodic " +
		"boundaries (else zero-padded)").advanced();
	public static final Option MEMORY_GB = CommonOptions.MEMORY_GB;
	public static final Option OVERWRITE = CommonOptions.OVERWRITE;

	public static final List<Option> ALL = Collections.unmodifiableList(Arrays.asList(IMAGE, IMAGE_Y, IMAGE_X,
		MODEL_FILE, VOLUMES, COUNT, EDGE, PERIODIC, SEED, BACKEND, OUTPUT_FOLDER, S2_PERIODIC, MEMORY_GB, OVERWRITE));
}

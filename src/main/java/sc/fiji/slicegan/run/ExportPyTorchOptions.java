package sc.fiji.slicegan.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import sc.fiji.slicegan.run.Option.Kind;

/** The options of exporting a model's generator in the published PyTorch SliceGAN's files, defined once. */
public final class ExportPyTorchOptions {

	private ExportPyTorchOptions() {}

	public static final Option MODEL_FILE = CommonOptions.MODEL_FILE;
	public static final Option OUTPUT_NAME = Option.path("output_name", Kind.SAVE_FILE, "NAME for the files " +
		"NAME_Gen.pt and NAME_params.data (a path without the suffixes, as the published code's project path)")
		.required().alias("out");
	public static final Option OVERWRITE = CommonOptions.OVERWRITE;

	public static final List<Option> ALL = Collections.unmodifiableList(Arrays.asList(MODEL_FILE, OUTPUT_NAME,
		OVERWRITE));
}

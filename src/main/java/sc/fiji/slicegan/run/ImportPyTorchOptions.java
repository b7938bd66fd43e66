package sc.fiji.slicegan.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.run.Option.Kind;

/** The options of importing a generator saved by the published PyTorch SliceGAN, defined once. */
public final class ImportPyTorchOptions {

	private ImportPyTorchOptions() {}

	public static final Option GENERATOR_FILE = Option.path("generator_file", Kind.FILE, "the generator's weights, " +
		"NAME_Gen.pt (torch.save of its state dict)").required().alias("gen");
	public static final Option PARAMS_FILE = Option.path("params_file", Kind.FILE, "its layers, NAME_params.data " +
		"(saved beside it)").required().alias("params");
	public static final Option MODEL_FILE = Option.path("model_file", Kind.SAVE_FILE, "where to save the model " +
		"(.zip)").required().alias("out", "model");
	public static final Option DATA_TYPE = Option.choice("data_type", "auto", Arrays.asList("auto", "n-phase",
		"grayscale", "colour"), "what the generator makes (its files do not say); auto: grayscale for one channel, " +
			"else n-phase").alias("type");
	public static final Option PHASES = Option.text("phases", "", "n-phase: the grey value of each phase in " +
		"increasing order, separated by commas (e.g. 0,127,255, as the published code writes 3 phases); empty: 0, 1, " +
		"2, …");
	public static final Option OVERWRITE = CommonOptions.OVERWRITE;

	public static final List<Option> ALL = Collections.unmodifiableList(Arrays.asList(GENERATOR_FILE, PARAMS_FILE,
		MODEL_FILE, DATA_TYPE, PHASES, OVERWRITE));

	/** The phase values given, or null for the default. */
	static int[] phases(OptionValues v) {
		String text = v.text(PHASES);
		if (text == null || text.trim().isEmpty()) return null;
		String[] parts = text.trim().split("\\s*[,;\\s]\\s*");
		int[] values = new int[parts.length];
		for (int i = 0; i < parts.length; i++)
			try {
				values[i] = Integer.parseInt(parts[i]);
			}
			catch (NumberFormatException e) {
				throw new BadInputException(v.name(PHASES) + " takes whole grey values separated by commas (e.g. " +
					"0,127,255), not '" + text.trim() + "'.");
			}
		return values;
	}
}

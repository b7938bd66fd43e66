package sc.fiji.slicegan.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.run.CommonOptions;
import sc.fiji.slicegan.run.CompareOptions;
import sc.fiji.slicegan.run.GenerateOptions;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;
import sc.fiji.slicegan.run.TrainOptions;
import sc.fiji.slicegan.run.TrainRun;

/**
 * {@code demo}: trains the CPU preset (the quick settings) for half its iterations on the embedded sample image,
 * generates a 64³ volume, compares it with the image, and prints a summary. Each step is the command line's own
 * command.
 */
final class Demo {

	static final String IMAGE = "test-images/blobs-2phase.tif";

	static final Option OUT = Option.path("output_folder", Option.Kind.FOLDER, "where the model, volume and report " +
		"go").alias("out");
	/** Half the preset's iterations: about 5 minutes on 2 cores, enough for the sample's blobs. */
	static final Option ITERATIONS = Option.integer("iterations", TrainingConfig.quick().iterations / 2, 1,
		100_000_000, "generator steps");
	static final Option IMAGE_OPTION = Option.path("image", Option.Kind.IMAGE, "the training image (" + IMAGE + ")");
	static final List<Option> OPTIONS = Arrays.asList(OUT, ITERATIONS, IMAGE_OPTION, CommonOptions.BACKEND);

	private Demo() {}

	static void run(String[] args, PrintStream out) {
		OptionValues o = CommandLine.parse(args, 1, OPTIONS);
		Path dir = o.path(OUT) != null ? o.path(OUT) : Paths.get("out/demo");
		Path image = Main.existing(o.path(IMAGE_OPTION) != null ? o.path(IMAGE_OPTION).toString() : IMAGE,
			"The demo image");
		String backend = o.text(CommonOptions.BACKEND);
		Path model = dir.resolve("model.zip"), volume = dir.resolve("volume.tif");

		OptionValues train = TrainOptions.quick(new OptionValues(TrainOptions.ALL, OptionValues.Naming.COMMAND_LINE));
		train.set(TrainOptions.IMAGE, image).set(TrainOptions.MODEL_FILE, model).set(TrainOptions.ITERATIONS, o.integer(
			ITERATIONS)).set(TrainOptions.CHECKPOINT_EVERY, 100).set(TrainOptions.LOG_EVERY, 25).set(
				TrainOptions.BACKEND, backend).set(TrainOptions.OVERWRITE, true);
		long t0 = System.nanoTime();
		TrainRun.Outcome trained = Main.train(train, out);
		double trainSeconds = (System.nanoTime() - t0) / 1e9;

		OptionValues generate = new OptionValues(GenerateOptions.ALL, OptionValues.Naming.COMMAND_LINE);
		generate.set(GenerateOptions.MODEL_FILE, model).set(GenerateOptions.OUTPUT_FILE, volume).set(
			GenerateOptions.EDGE, 64).set(GenerateOptions.SEED, 7L).set(GenerateOptions.BACKEND, backend).set(
				GenerateOptions.OVERWRITE, true);
		Main.generate(generate, out);

		OptionValues compare = new OptionValues(CompareOptions.ALL, OptionValues.Naming.COMMAND_LINE);
		compare.set(CompareOptions.IMAGE, image).set(CompareOptions.VOLUMES, volume.toString()).set(
			CompareOptions.OUTPUT_FOLDER, dir.resolve("compare")).set(CompareOptions.OVERWRITE, true);
		CompareReport report = Main.compare(compare, new PrintStream(OutputStream.nullOutputStream())).report;
		DemoSummary.print(out, trained.model, 64, model, dir, trainSeconds, report);
	}
}

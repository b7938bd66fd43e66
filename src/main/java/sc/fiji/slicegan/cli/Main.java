package sc.fiji.slicegan.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.ij.IjImageFiles;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.CompareOptions;
import sc.fiji.slicegan.run.CompareRun;
import sc.fiji.slicegan.run.ExportPyTorchOptions;
import sc.fiji.slicegan.run.ExportPyTorchRun;
import sc.fiji.slicegan.run.GenerateOptions;
import sc.fiji.slicegan.run.GenerateRun;
import sc.fiji.slicegan.run.ImportPyTorchOptions;
import sc.fiji.slicegan.run.ImportPyTorchRun;
import sc.fiji.slicegan.run.InputImage;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;
import sc.fiji.slicegan.run.Sections;
import sc.fiji.slicegan.run.TrainOptions;
import sc.fiji.slicegan.run.TrainRun;

/**
 * The headless command line: {@code train}, {@code generate}, {@code compare}, {@code import-pytorch},
 * {@code export-pytorch} and {@code demo}, over the use cases
 * in {@code sc.fiji.slicegan.run}. Errors a user can fix are printed as one message (exit code 2), never as a
 * stack trace.
 */
public final class Main {

	static final String USAGE = "SliceGAN: learn a 3D microstructure from a 2D image and generate 3D volumes.\n\n" +
		"  train    --image FILE --model-file FILE.zip [options]: trains and saves the model\n" + CommandLine.usage(
			TrainOptions.ALL) + "\n" + //
		"  generate --model-file FILE.zip --output-file FILE.tif [options]: volumes as TIFF stacks\n" + CommandLine
			.usage(GenerateOptions.ALL) + "\n" + //
		"  compare  --image FILE (--model-file FILE.zip | --volumes A.tif,B.tif) --output-folder DIR [options]:\n" +
		"           real-vs-generated statistics: metrics.csv, s2.csv, per-volume.csv and PNG plots\n" + CommandLine
			.usage(CompareOptions.ALL) + "\n" + //
		"  import-pytorch --gen NAME_Gen.pt --params NAME_params.data --out FILE.zip [options]:\n" +
		"           a generator saved by the published PyTorch SliceGAN, as a model file to generate from\n" +
		CommandLine
			.usage(ImportPyTorchOptions.ALL) + "\n" + //
		"  export-pytorch --model FILE.zip --out NAME: the model's generator as NAME_Gen.pt and NAME_params.data,\n" +
		"           which the published PyTorch SliceGAN loads (slicegan_nets / slicegan_rc_nets, util.test_img)\n" +
		CommandLine.usage(ExportPyTorchOptions.ALL) + "\n" + //
		"  demo     [--out DIR] [--iterations N]: trains the CPU preset (" + Demo.ITERATIONS.intDefault() +
		" iterations) on\n" +
		"           test-images/blobs-2phase.tif, generates a 64³ volume, compares it with the image and prints a\n" +
		"           summary\n\n" +
		"Ctrl-C stops a command cleanly (training saves its model first). Errors you can fix print one line and exit\n" +
		"with status 2; internal errors exit with status 1 and write their report to a file; --debug prints it.\n";

	private Main() {}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs a command; returns the process exit code. */
	public static int run(String[] arguments, PrintStream out, PrintStream err) {
		List<String> list = new ArrayList<>(Arrays.asList(arguments));
		boolean debug = list.remove("--debug");
		String[] args = list.toArray(new String[0]);
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
			out.println(USAGE);
			return args.length == 0 ? 1 : 0;
		}
		try {
			switch (args[0]) {
				case "train":
					train(CommandLine.parse(args, 1, TrainOptions.ALL), out);
					return 0;
				case "generate":
					generate(CommandLine.parse(args, 1, GenerateOptions.ALL), out);
					return 0;
				case "compare":
					return compare(CommandLine.parse(args, 1, CompareOptions.ALL), out).cancelled ? 130 : 0;
				case "import-pytorch":
					importPyTorch(CommandLine.parse(args, 1, ImportPyTorchOptions.ALL), out);
					return 0;
				case "export-pytorch":
					exportPyTorch(CommandLine.parse(args, 1, ExportPyTorchOptions.ALL), out);
					return 0;
				case "demo":
					Demo.run(args, out);
					return 0;
				default:
					err.println("error: unknown command '" + args[0] +
						"': use train, generate, compare, import-pytorch, " +
						"export-pytorch or demo (help lists their options).");
					return 2;
			}
		}
		catch (BadInputException e) {
			err.println("error: " + e.getMessage());
			if (debug) e.printStackTrace(err);
			return 2;
		}
		catch (OutOfMemoryError e) {
			err.println("error: out of memory (" + e.getMessage() + "). Give Java more (java -Xmx8g -jar …), or use " +
				"smaller settings (the small network, smaller batches or volumes).");
			if (debug) e.printStackTrace(err);
			return 2;
		}
		catch (RuntimeException | Error e) {
			err.println("error: " + ErrorReports.summary(e) + ". This is an internal error; the full report is in " +
				ErrorReports.write(e, arguments) + (debug ? "" : " (--debug prints it)") + ".");
			if (debug) e.printStackTrace(err);
			return 1;
		}
	}

	static TrainRun.Outcome train(OptionValues v, PrintStream out) {
		Sections images = new Sections(read(v, TrainOptions.IMAGE), read(v, TrainOptions.IMAGE_Y), read(v,
			TrainOptions.IMAGE_X));
		CancelRequest cancel = new CancelRequest();
		ConsoleView view = new ConsoleView(out, "", v.integer(TrainOptions.LOG_EVERY), cancel);
		TrainRun.Outcome r = Interrupts.cancellable(cancel, () -> TrainRun.run(images, v, view));
		out.printf(Locale.ROOT, "Model saved: %s (iteration %d%s)%n", r.modelFile, r.model.iteration, r.cancelled
			? ", stopped early" : "");
		return r;
	}

	static GenerateRun.Outcome generate(OptionValues v, PrintStream out) {
		if (v.path(GenerateOptions.OUTPUT_FILE) == null) throw new BadInputException(v.name(
			GenerateOptions.OUTPUT_FILE) + " is required: the TIFF stack to write.");
		CancelRequest cancel = new CancelRequest();
		return Interrupts.cancellable(cancel, () -> GenerateRun.run(v, IjImageFiles.INSTANCE, new ConsoleView(out,
			"generate: ", 1, cancel), false));
	}

	static CompareRun.Outcome compare(OptionValues v, PrintStream out) {
		if (v.path(CompareOptions.OUTPUT_FOLDER) == null) throw new BadInputException(v.name(
			CompareOptions.OUTPUT_FOLDER) + " is required: the folder for the tables and plots.");
		Sections real = new Sections(read(v, CompareOptions.IMAGE), read(v, CompareOptions.IMAGE_Y), read(v,
			CompareOptions.IMAGE_X));
		CancelRequest cancel = new CancelRequest();
		CompareRun.Outcome r = Interrupts.cancellable(cancel, () -> CompareRun.run(real, v, IjImageFiles.INSTANCE,
			new ConsoleView(out, "compare: ", 1, cancel)));
		if (r.cancelled) out.println("cancelled: nothing written");
		else print(r.report, out);
		return r;
	}

	static ImportPyTorchRun.Outcome importPyTorch(OptionValues v, PrintStream out) {
		return ImportPyTorchRun.run(v, new ConsoleView(out, "import-pytorch: ", 1, new CancelRequest()));
	}

	static ExportPyTorchRun.Outcome exportPyTorch(OptionValues v, PrintStream out) {
		return ExportPyTorchRun.run(v, new ConsoleView(out, "export-pytorch: ", 1, new CancelRequest()));
	}

	/** An image option's file, read; null when the option was not given. */
	private static InputImage read(OptionValues v, Option o) {
		Path p = v.path(o);
		return p == null ? null : IjImageFiles.INSTANCE.read(p);
	}

	static void print(CompareReport report, PrintStream out) {
		out.printf(Locale.ROOT, "%-58s %5s %4s %10s %10s %9s%n", "metric", "phase", "axis", "image", "generated", "sd");
		for (CompareReport.Row r : report.rows)
			out.printf(Locale.ROOT, "%-58s %5s %4s %10.4f %10.4f %9.4f%n", r.metric, r.phase < 0 ? "all" : String
				.valueOf(r.phase), r.axis, r.real, r.generatedMean, r.generatedSd);
	}

	static Path existing(String file, String what) {
		Path p = Paths.get(file);
		if (!Files.isRegularFile(p)) throw new BadInputException(what + " " + file + " is missing: run the demo " +
			"from the repository's root folder.");
		return p;
	}
}

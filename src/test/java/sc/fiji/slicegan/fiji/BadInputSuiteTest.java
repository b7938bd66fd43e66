package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.slicegan.cli.Main;

/**
 * Hostile input through every door: the command line, the IJ1 plugins from macros and the SciJava commands. Each
 * case must give one clear message (exit code 2, an error line, or a cancelled command with the message), no stack
 * trace, no input file changed and no partial output left.
 */
class BadInputSuiteTest {

	@TempDir
	static Path dir;
	static Fixtures f;
	static Context context;

	@BeforeAll
	static void fixtures() throws Exception {
		System.setProperty("java.awt.headless", "true");
		HeadlessMacro.registerCommands();
		f = new Fixtures(dir);
		context = new Context();
	}

	@AfterAll
	static void close() {
		context.dispose();
	}

	private static final String TINY = "--network small --iterations 1 --critic-batch 1 --generator-batch 1 " +
		"--critic-steps 1 --real-crops 8";

	/** A command line: words, with @name for a fixture file and {tiny} for quick training settings. */
	private static String[] words(String line) {
		List<String> out = new ArrayList<>();
		for (String w : line.replace("{tiny}", TINY).split(" "))
			out.add(w.startsWith("@") ? f.path(w.substring(1)) : w);
		return out.toArray(new String[0]);
	}

	private static DynamicTest cli(String message, String line) {
		return DynamicTest.dynamicTest("cli: " + line, () -> unchanged(() -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
			int code = Main.run(words(line), new PrintStream(out, true), new PrintStream(err, true));
			String e = err.toString(StandardCharsets.UTF_8);
			assertEquals(2, code, "exit code; stderr: " + e + "\nstdout: " + out);
			assertTrue(e.startsWith("error: ") && e.contains(message), "'" + message + "' in: " + e);
			assertEquals(1, e.trim().split("\n").length, "one line: " + e);
		}));
	}

	private static DynamicTest macro(String message, String code) {
		String resolved = code.replaceAll("@([\\w.-]+)", f.dir.toString().replace("\\", "/") + "/$1");
		return DynamicTest.dynamicTest("macro: " + code, () -> unchanged(() -> {
			String out = MacroPluginsTest.macro(resolved + "\nclose('*');");
			assertTrue(out.contains("SliceGAN error: ") && out.contains(message), "'" + message + "' in: " + out);
			assertFalse(out.contains("\tat ") || out.contains("Exception"), out);
		}));
	}

	private static DynamicTest sci(Class<? extends Command> command, String message, Object... inputs) {
		return DynamicTest.dynamicTest("scijava: " + command.getSimpleName() + " " + java.util.Arrays.toString(inputs),
			() -> unchanged(() -> {
				Map<String, Object> in = new HashMap<>();
				if (command == TrainCommand.class) in.putAll(FijiCommandsTest.tiny(IJ.openImage(f.path(
					"blobs-2phase.tif")), dir.resolve("sci-new.zip")));
				for (int i = 0; i < inputs.length; i += 2)
					in.put((String) inputs[i], inputs[i + 1] instanceof String && ((String) inputs[i + 1]).startsWith(
						"@")
							? dir.resolve(((String) inputs[i + 1]).substring(1)).toFile() : inputs[i + 1]);
				Module m = context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(
					command), true, in).get();
				String reason = ((Cancelable) m).getCancelReason();
				assertTrue(reason != null && reason.contains(message), "'" + message + "' in: " + reason);
			}));
	}

	/** Runs a case and checks that no file in the fixtures folder changed, appeared or went. */
	private static void unchanged(ThrowingRunnable work) throws Throwable {
		Map<String, String> before = snapshot();
		work.run();
		assertEquals(before, snapshot(), "files changed, appeared or went");
	}

	private interface ThrowingRunnable {
		void run() throws Throwable;
	}

	private static Map<String, String> snapshot() throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> all = Files.walk(dir)) {
			for (Path p : all.filter(Files::isRegularFile).collect(Collectors.toList()))
				files.put(dir.relativize(p).toString(), sha(p));
		}
		return files;
	}

	private static String sha(Path p) throws IOException {
		try {
			byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
			return new java.math.BigInteger(1, d).toString(16);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	@TestFactory
	List<DynamicTest> commandLine() {
		List<DynamicTest> t = new ArrayList<>();
		// outputs never destroy inputs, or existing files unasked
		t.add(cli("is also the training image", "train --image @blobs-2phase.tif --model @blobs-2phase.tif {tiny}"));
		t.add(cli("exists. Give --overwrite", "train --image @blobs-2phase.tif --model @m.zip {tiny}"));
		t.add(cli("Cannot write into /proc", "train --image @blobs-2phase.tif --model /proc/x.zip {tiny}"));
		t.add(cli("Cannot write into", "train --image @blobs-2phase.tif --model @notes.txt/x.zip {tiny}"));
		t.add(cli("is a folder", "train --image @blobs-2phase.tif --model @a-folder.tif {tiny}"));
		t.add(cli("exists. Give --overwrite", "generate --model @m.zip --out @existing.tif"));
		t.add(cli("is also the model", "generate --model @m.zip --out @m.zip"));
		t.add(cli("is a file, not a folder", "compare --image @blobs-2phase.tif --model @m.zip --out @notes.txt"));
		// resources, checked before anything large is allocated
		t.add(cli("tensor memory", "train --image @blobs-2phase.tif --model @new.zip {tiny} --real-crops 100000000"));
		t.add(cli("tensor memory", "train --image @blobs-2phase.tif --model @new.zip {tiny} --critic-batch 100000"));
		t.add(cli("of memory", "generate --model @m.zip --out @new.tif --edge 5000"));
		t.add(cli("too large to generate", "generate --model @m.zip --out @new.tif --latent-size 2000"));
		// damaged, lossy or odd inputs
		t.add(cli("truncated", "train --image @truncated.tif --model @new.zip {tiny}"));
		t.add(cli("JPEG", "train --image @blobs.jpg --model @new.zip {tiny}"));
		t.add(cli("JPEG", "train --image @blobs-jpeg.png --model @new.zip {tiny}"));
		t.add(cli("values (channels) per pixel", "train --image @two-samples.tif --model @new.zip {tiny}"));
		t.add(cli("is a folder, not an image", "train --image @a-folder.tif --model @new.zip {tiny}"));
		t.add(cli("does not exist", "train --image @missing.tif --model @new.zip {tiny}"));
		t.add(cli("unsegmented", "train --image @noisy-unsegmented.tif --data-type n-phase --model @new.zip {tiny}"));
		t.add(cli("RGB", "train --image @rgb.tif --data-type n-phase --model @new.zip {tiny}"));
		t.add(cli("same size", "train --image @blobs-2phase.tif --image-y @rods-along.tif --model @new.zip {tiny}"));
		t.add(cli("truncated", "compare --image @truncated.tif --model @m.zip --out @report"));
		// numbers
		t.add(cli("must be a finite number",
			"train --image @blobs-2phase.tif --model @new.zip {tiny} --lambda Infinity"));
		t.add(cli("must be a finite number", "train --image @blobs-2phase.tif --model @new.zip {tiny} --lambda NaN"));
		t.add(cli("--learning-rate must be",
			"train --image @blobs-2phase.tif --model @new.zip {tiny} --learning-rate -1"));
		t.add(cli("--beta1 must be", "train --image @blobs-2phase.tif --model @new.zip {tiny} --beta1 1.5"));
		t.add(cli("--iterations must be", "train --image @blobs-2phase.tif --model @new.zip {tiny} --iterations 0"));
		t.add(cli("whole number", "train --image @blobs-2phase.tif --model @new.zip {tiny} --iterations many"));
		t.add(cli("whole number", "train --image @blobs-2phase.tif --model @new.zip {tiny} --seed x"));
		t.add(cli("--checkpoint-every must be", "train --image @blobs-2phase.tif --model @new.zip {tiny} " +
			"--checkpoint-every -1"));
		t.add(cli("not a choice for --network", "train --image @blobs-2phase.tif --model @new.zip --network huge"));
		t.add(cli("--count must be", "generate --model @m.zip --out @new.tif --count 0"));
		t.add(cli("--edge must be", "generate --model @m.zip --out @new.tif --edge 0"));
		t.add(cli("not a choice for --periodic", "generate --model @m.zip --out @new.tif --periodic xw"));
		t.add(cli("--memory-gb must be", "generate --model @m.zip --out @new.tif --memory-gb 0"));
		t.add(cli("--count must be", "compare --image @blobs-2phase.tif --model @m.zip --out @report --count 0"));
		// models
		t.add(cli("non-finite", "generate --model @nan.zip --out @new.tif"));
		t.add(cli("non-finite", "train --image @blobs-2phase.tif --model @new.zip --resume @nan.zip"));
		t.add(cli("non-finite", "compare --image @blobs-2phase.tif --model @nan.zip --out @report"));
		t.add(cli("phase values for a network of 2 phases", "generate --model @phases-misfit.zip --out @new.tif"));
		t.add(cli("damaged", "generate --model @truncated.zip --out @new.tif"));
		t.add(cli("not a SliceGAN model file", "generate --model @blobs-2phase.tif --out @new.tif"));
		t.add(cli("does not exist", "generate --model @missing.zip --out @new.tif"));
		t.add(cli("its own network (small)", "train --image @blobs-2phase.tif --model @new.zip --resume @m.zip " +
			"--network table1"));
		t.add(cli("--critic-batch 8 (the model has 1)", "train --image @blobs-2phase.tif --model @new.zip --resume " +
			"@m.zip --critic-batch 8"));
		// generators of the published PyTorch SliceGAN
		String rc3 = "--gen @rc3_Gen.pt --params @rc3_params.data";
		t.add(cli("legacy format", "import-pytorch --gen @legacy_Gen.pt --params @gray1_params.data --out @new.zip"));
		t.add(cli("holds a pickled Python object", "import-pytorch --gen @module_Gen.pt --params @gray1_params.data " +
			"--out @new.zip"));
		t.add(cli("is not a SliceGAN generator", "import-pytorch --gen @other_Gen.pt --params @rc3_params.data --out " +
			"@new.zip"));
		t.add(cli("damaged or truncated", "import-pytorch --gen @cut_Gen.pt --params @rc3_params.data --out @new.zip"));
		t.add(cli("does not match the weights",
			"import-pytorch --gen @transposed3_Gen.pt --params @gray1_params.data " +
				"--out @new.zip"));
		t.add(cli("plain Python pickle", "import-pytorch --gen @rc3_params.data --params @rc3_Gen.pt --out @new.zip"));
		t.add(cli("always ends with a softmax", "import-pytorch " + rc3 + " --out @new.zip --type grayscale"));
		t.add(cli("3 phases, but 2 phase values", "import-pytorch " + rc3 + " --out @new.zip --phases 0,255"));
		t.add(cli("--phases takes whole grey values", "import-pytorch " + rc3 + " --out @new.zip --phases a,b,c"));
		t.add(cli("exists. Give --overwrite", "import-pytorch " + rc3 + " --out @m.zip"));
		t.add(cli("is also the generator file", "import-pytorch " + rc3 + " --out @rc3_Gen.pt"));
		t.add(cli("--generator-file is required", "import-pytorch --params @rc3_params.data --out @new.zip"));
		t.add(cli("training cannot resume it", "train --image @blobs-2phase.tif --model @new.zip --resume " +
			"@imported.zip"));
		t.add(cli("exists. Give --overwrite", "export-pytorch --model @imported.zip --out @rc3"));
		t.add(cli("not a SliceGAN model file", "export-pytorch --model @blobs-2phase.tif --out @new"));
		t.add(cli("--output-name is required", "export-pytorch --model @m.zip"));
		// comparison
		t.add(cli("has phases [0, 128, 255] but the model has [0, 255]", "compare --image @three-phase.tif --model " +
			"@m.zip --out @report"));
		t.add(cli("grey values", "compare --image @noisy-unsegmented.tif --model @m.zip --out @report"));
		t.add(cli("n-phase (segmented) models", "compare --image @blobs-2phase.tif --model @grey.zip --out @report"));
		t.add(cli("Give the generated volumes", "compare --image @blobs-2phase.tif --out @report"));
		t.add(cli("not a 3D stack", "compare --image @blobs-2phase.tif --volumes @blobs-2phase.tif --out @report"));
		t.add(cli("does not exist", "compare --image @blobs-2phase.tif --volumes @missing.tif --out @report"));
		// the command line itself
		t.add(cli("Unknown option --modle", "train --image @blobs-2phase.tif --modle @new.zip"));
		t.add(cli("--image is required", "train --model @new.zip"));
		t.add(cli("--output-file is required", "generate --model @m.zip"));
		t.add(cli("needs a value", "train --image"));
		t.add(cli("unknown command 'trian'", "trian --image @blobs-2phase.tif"));
		t.add(cli("missing", "demo --image @missing.tif"));
		return t;
	}

	@TestFactory
	List<DynamicTest> macros() {
		String tiny = " network=small iterations=1 critic_batch=1 generator_batch=1 critic_steps=1 real_crops=8";
		List<DynamicTest> t = new ArrayList<>();
		t.add(macro("No image is open", "close('*'); run('Train SliceGAN...', 'iterations=1');"));
		t.add(macro("RGB", "open('@rgb.tif'); run('Train SliceGAN...', 'image=rgb.tif data_type=n-phase" + tiny +
			" model_file=[@new.zip]');"));
		t.add(macro("exists. Give overwrite", "open('@blobs-2phase.tif'); run('Train SliceGAN...', " +
			"'image=blobs-2phase.tif" + tiny + " model_file=[@m.zip]');"));
		t.add(macro("is also the training image", "open('@blobs-2phase.tif'); run('Train SliceGAN...', " +
			"'image=blobs-2phase.tif" + tiny + " model_file=[@blobs-2phase.tif]');"));
		t.add(macro("truncated", "open('@truncated.tif'); run('Train SliceGAN...', 'image=truncated.tif" + tiny +
			" model_file=[@new.zip]');"));
		t.add(macro("JPEG", "open('@blobs.jpg'); run('Train SliceGAN...', 'image=blobs.jpg" + tiny +
			" model_file=[@new.zip]');"));
		t.add(macro("must be a finite number", "open('@blobs-2phase.tif'); run('Train SliceGAN...', " +
			"'image=blobs-2phase.tif" + tiny + " lambda=NaN model_file=[@new.zip]');"));
		t.add(macro("non-finite", "run('Generate SliceGAN Volumes...', 'model_file=[@nan.zip] edge=16');"));
		t.add(macro("exists. Give overwrite", "run('Generate SliceGAN Volumes...', 'model_file=[@m.zip] " +
			"output_file=[@existing.tif] edge=16');"));
		t.add(macro("of memory", "run('Generate SliceGAN Volumes...', 'model_file=[@m.zip] edge=5000');"));
		t.add(macro("count must be", "open('@blobs-2phase.tif'); run('Compare SliceGAN Statistics...', " +
			"'image=blobs-2phase.tif model_file=[@m.zip] count=0');"));
		t.add(macro("has phases [0, 128, 255] but the model", "open('@three-phase.tif'); " +
			"run('Compare SliceGAN Statistics...', 'image=three-phase.tif model_file=[@m.zip] count=1');"));
		t.add(macro("legacy format", "run('Import PyTorch Generator...', 'generator_file=[@legacy_Gen.pt] " +
			"params_file=[@gray1_params.data] model_file=[@new.zip]');"));
		t.add(macro("does not match the weights", "run('Import PyTorch Generator...', 'generator_file=" +
			"[@transposed3_Gen.pt] params_file=[@gray1_params.data] model_file=[@new.zip]');"));
		t.add(macro("exists. Give overwrite", "run('Export PyTorch Generator...', 'model_file=[@imported.zip] " +
			"output_name=[@rc3]');"));
		return t;
	}

	@TestFactory
	List<DynamicTest> sciJava() {
		ImagePlus rgb = IJ.openImage(f.path("rgb.tif")), three = IJ.openImage(f.path("three-phase.tif"));
		List<DynamicTest> t = new ArrayList<>();
		t.add(sci(TrainCommand.class, "RGB", "image", rgb, "data_type", "n-phase"));
		t.add(sci(TrainCommand.class, "exists. Give overwrite", "model_file", "@m.zip"));
		t.add(sci(TrainCommand.class, "must be a finite number", "lambda", Double.POSITIVE_INFINITY));
		t.add(sci(TrainCommand.class, "non-finite", "resume", "@nan.zip"));
		t.add(sci(GenerateCommand.class, "non-finite", "model_file", "@nan.zip", "edge", 16));
		t.add(sci(GenerateCommand.class, "too large to generate", "model_file", "@m.zip", "latent_size", 2000));
		t.add(sci(CompareCommand.class, "has phases [0, 128, 255]", "image", three, "model_file", "@m.zip", "count",
			1));
		t.add(sci(CompareCommand.class, "count must be", "image", three, "model_file", "@m.zip", "count", 0));
		t.add(sci(ImportPyTorchCommand.class, "holds a pickled Python object", "generator_file", "@module_Gen.pt",
			"params_file", "@gray1_params.data", "model_file", "@new.zip", "data_type", "auto", "phases", ""));
		t.add(sci(ExportPyTorchCommand.class, "exists. Give overwrite", "model_file", "@imported.zip", "output_name",
			"@rc3"));
		return t;
	}
}

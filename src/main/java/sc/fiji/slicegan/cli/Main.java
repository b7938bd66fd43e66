package sc.fiji.slicegan.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.PeriodicAxes;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.ij.VolumeStacks;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.io.ModelState;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingConfig;
import sc.fiji.slicegan.train.TrainingListener;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * The headless command line: {@code train}, {@code generate} and {@code demo}. Errors a user can fix are printed
 * as one message (exit code 2), never as a stack trace.
 */
public final class Main {

	static final String USAGE = String.join("\n", //
		"SliceGAN: learn a 3D microstructure from a 2D image and generate 3D volumes.", //
		"", //
		"  train    --image FILE [--image-y FILE --image-x FILE] --model FILE.zip [options]", //
		"           --image is the plane normal to z (and, alone, every plane: isotropic); --image-y/--image-x", //
		"           are the planes normal to y and x (anisotropic; one image may serve both). A Z-stack trains", //
		"           each axis on its own slices.", //
		"           --type auto|n-phase|grayscale|colour  --net table1|small|rc  --iterations N", //
		"           --critic-batch 8 --generator-batch 16 --critic-steps 5 --lambda 10 --lr 1e-4", //
		"           --beta1 0.9 --beta2 0.99 --seed 42 --real-per-axis 0 (= m_D·l) --penalty-per-axis 0 (= m_D)", //
		"           --checkpoint-every 100 --resume FILE.zip --log-every 1 --backend auto|cpu|gpu", //
		"  generate --model FILE.zip --out FILE.tif [--edge N | --latent LF] [--periodic xyz|xy|z|none]", //
		"           [--seed S] [--count N] [--backend auto|cpu|gpu]", //
		"           [--memory-gb 2.75] (tensor memory per slab: larger volumes are made in slabs along z)", //
		"  compare  --image FILE [--image-y FILE --image-x FILE] --out DIR", //
		"           (--volume A.tif,B.tif | --model FILE.zip [--count 3 --edge 64 --seed 1]) [--periodic true]", //
		"           real-vs-generated statistics: metrics.csv, s2.csv, per-volume.csv and PNG plots", //
		"  demo     [--out DIR] [--iterations N]: trains the small network on test-images/blobs-2phase.tif,", //
		"           generates a 64³ volume, compares it with the image and prints a summary", //
		"");

	private Main() {}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs a command; returns the process exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
			out.println(USAGE);
			return args.length == 0 ? 1 : 0;
		}
		try {
			switch (args[0]) {
				case "train": train(args, out); return 0;
				case "generate": generate(args, out); return 0;
				case "compare": CompareCommand.run(args, out); return 0;
				case "demo": demo(args, out); return 0;
				default:
					err.println("Unknown command '" + args[0] + "'.\n\n" + USAGE);
					return 1;
			}
		}
		catch (BadInputException e) {
			err.println("error: " + e.getMessage());
			return 2;
		}
	}

	private static Set<String> keys(String... k) {
		return new HashSet<>(Arrays.asList(k));
	}

	private static final Set<String> TRAIN_KEYS = keys("image", "image-y", "image-x", "model", "type", "net",
		"iterations", "critic-batch", "generator-batch", "critic-steps", "lambda", "lr", "beta1", "beta2", "seed",
		"real-per-axis", "penalty-per-axis", "checkpoint-every", "resume", "log-every", "backend");

	static ModelState train(String[] args, PrintStream out) {
		Options o = new Options(args, 1, TRAIN_KEYS);
		Path modelPath = Paths.get(o.required("model"));
		ImageFiles.Opened z = ImageFiles.read(Paths.get(o.required("image")));
		ImageFiles.Opened y = o.has("image-y") ? ImageFiles.read(Paths.get(o.string("image-y", null))) : null;
		ImageFiles.Opened x = o.has("image-x") ? ImageFiles.read(Paths.get(o.string("image-x", null))) : null;
		if (x != null && y == null) y = x;
		if (y != null && x == null) x = y;
		String type = o.string("type", "auto");
		ImageKind kind = type.equalsIgnoreCase("auto") ? null : ImageKind.parse(type);
		ModelState resume = o.has("resume") ? ModelFile.load(Paths.get(o.string("resume", null))) : null;
		TrainingConfig config = resume != null ? resume.config.copy() : new TrainingConfig();
		config.iterations = o.integer("iterations", config.iterations);
		config.criticBatch = o.integer("critic-batch", config.criticBatch);
		config.generatorBatch = o.integer("generator-batch", config.generatorBatch);
		config.criticSteps = o.integer("critic-steps", config.criticSteps);
		config.lambda = o.number("lambda", config.lambda);
		config.learningRate = o.number("lr", config.learningRate);
		config.beta1 = o.number("beta1", config.beta1);
		config.beta2 = o.number("beta2", config.beta2);
		config.seed = o.longValue("seed", config.seed);
		config.realPerAxis = o.integer("real-per-axis", config.realPerAxis);
		config.penaltyPerAxis = o.integer("penalty-per-axis", config.penaltyPerAxis);
		config.checkpointEvery = o.integer("checkpoint-every", config.checkpointEvery);
		config.validate();
		int logEvery = Math.max(1, o.integer("log-every", 1));
		String net = o.string("net", "table1");
		try (Backend backend = Backends.open(o.string("backend", "auto"), Precision.FLOAT)) {
			NetSpec probe = resume != null ? resume.spec : NetSpec.preset(net, 1, Head.SOFTMAX);
			int edge = probe.trainingEdge();
			TrainingData data = y == null ? TrainingData.isotropic(z.image, kind, edge) : TrainingData.anisotropic(
				z.image, y.image, x.image, kind, edge);
			Head head = data.kind == ImageKind.N_PHASE ? Head.SOFTMAX : Head.TANH;
			String source = z.image.name + (y == null ? "" : ", " + y.image.name + (x != y ? ", " + x.image.name : ""));
			Trainer trainer = resume != null ? Trainer.resume(backend, data, resume, config.iterations) : new Trainer(
				backend, data, NetSpec.preset(net, data.channels, head), config).describeSource(source, z.pixelSize,
					z.unit);
			try {
				Trainer.Result r = runWithInterrupt(trainer, modelPath, logEvery, out);
				out.printf(Locale.ROOT, "Model saved: %s (iteration %d%s)%n", modelPath, r.model.iteration, r.cancelled
					? ", stopped early" : "");
				return r.model;
			}
			finally {
				trainer.close();
			}
		}
	}

	/** Ctrl-C asks the trainer to stop after its current step, and waits for the model to be saved. */
	private static Trainer.Result runWithInterrupt(Trainer trainer, Path modelPath, int logEvery, PrintStream out) {
		CountDownLatch finished = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			trainer.requestCancel();
			try {
				finished.await(120, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			return trainer.train(new TrainingListener() {

				@Override
				public void iterationDone(TrainingProgress p) {
					if (p.iteration % logEvery == 0 || p.iteration == p.totalIterations) out.println(p);
				}

				@Override
				public void checkpointSaved(Path model, long iteration) {
					out.println("checkpoint: " + model + " at iteration " + iteration);
				}

				@Override
				public void message(String text) {
					out.println(text);
				}
			}, modelPath);
		}
		finally {
			finished.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException shuttingDown) {
				// the hook is running: it waits for the latch released above
			}
		}
	}

	private static final Set<String> GENERATE_KEYS = keys("model", "out", "edge", "latent", "periodic", "seed",
		"count", "backend", "memory-gb");

	static GeneratedVolume[] generate(String[] args, PrintStream out) {
		Options o = new Options(args, 1, GENERATE_KEYS);
		ModelState model = ModelFile.load(Paths.get(o.required("model")));
		Path target = Paths.get(o.required("out"));
		int count = o.integer("count", 1);
		if (count < 1) throw new BadInputException("--count must be at least 1.");
		long seed = o.longValue("seed", 1);
		boolean[] periodic = PeriodicAxes.parse(o.string("periodic", "none"));
		double memory = o.number("memory-gb", VolumeGenerator.DEFAULT_MEMORY_BUDGET / (double) (1L << 30));
		if (!(memory > 0)) throw new BadInputException("--memory-gb must be positive (GiB of tensor memory per slab).");
		GeneratedVolume[] volumes = new GeneratedVolume[count];
		try (Backend backend = Backends.open(o.string("backend", "auto"), Precision.FLOAT); VolumeGenerator g =
			new VolumeGenerator(backend, model))
		{
			g.setMemoryBudget((long) (memory * (1L << 30)));
			for (int i = 0; i < count; i++) {
				long t0 = System.nanoTime();
				volumes[i] = o.has("latent") ? g.generate(o.integer("latent", 0), seed + i, periodic) : g.generateEdge(o
					.integer("edge", model.spec.trainingEdge()), seed + i, periodic);
				double seconds = (System.nanoTime() - t0) / 1e9;
				Path file = count == 1 ? target : numbered(target, i);
				ImageFiles.writeTiff(VolumeStacks.toImagePlus(volumes[i], file.getFileName().toString(), model, o.string(
					"model", "")), file);
				out.printf(Locale.ROOT, "Generated %d×%d×%d volume (seed %d) in %.2f s: %s%n", volumes[i].width,
					volumes[i].height, volumes[i].depth, seed + i, seconds, file);
			}
		}
		return volumes;
	}

	private static Path numbered(Path p, int i) {
		String name = p.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name, ext = dot > 0 ? name.substring(dot) : ".tif";
		return p.resolveSibling(String.format(Locale.ROOT, "%s-%03d%s", stem, i + 1, ext));
	}

	private static final Set<String> DEMO_KEYS = keys("out", "iterations", "image", "backend");

	static void demo(String[] args, PrintStream out) {
		Options o = new Options(args, 1, DEMO_KEYS);
		Path dir = Paths.get(o.string("out", "out/demo"));
		String image = o.string("image", "test-images/blobs-2phase.tif");
		if (!Files.isRegularFile(Paths.get(image))) throw new BadInputException("The demo image " + image +
			" is missing: run the demo from the repository's root folder.");
		Path model = dir.resolve("model.zip");
		long t0 = System.nanoTime();
		TrainingConfig quick = TrainingConfig.quick();
		ModelState m = train(new String[] { "train", "--image", image, "--model", model.toString(), "--net", "small",
			"--iterations", o.string("iterations", String.valueOf(quick.iterations)), "--critic-batch", String.valueOf(
				quick.criticBatch), "--generator-batch", String.valueOf(quick.generatorBatch), "--real-per-axis", String
					.valueOf(quick.realPerAxis), "--lr", String.valueOf(quick.learningRate), "--beta1", String.valueOf(
						quick.beta1), "--checkpoint-every", "100", "--log-every", "25", "--backend", o.string("backend",
							"auto") }, out);
		double trainSeconds = (System.nanoTime() - t0) / 1e9;
		GeneratedVolume[] v = generate(new String[] { "generate", "--model", model.toString(), "--out", dir.resolve(
			"volume.tif").toString(), "--edge", "64", "--seed", "7", "--backend", o.string("backend", "auto") }, out);
		CompareReport report = CompareCommand.run(new String[] { "compare", "--image", image, "--volume", dir.resolve(
			"volume.tif").toString(), "--out", dir.resolve("compare").toString() }, new PrintStream(
				OutputStream.nullOutputStream()));
		DemoSummary.print(out, m, v[0], model, dir, trainSeconds, report);
	}
}

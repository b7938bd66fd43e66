package sc.fiji.slicegan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.OpTimer;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * Times the training loop and a generation, with the same options and JSON line as
 * scripts/pytorch/bench_torch.py, for scripts/bench-cpu.sh: per timed iteration the wall time, the critic steps and
 * the generator step; over the timed iterations the threads that did the work and the other load on the machine.
 * {@code --profile} prints where the time goes per backend operation; {@code --no-helpers} turns ND4J's oneDNN
 * kernels off, to see which operations they run.
 */
public final class TrainingBenchmark {

	public static void main(String[] args) throws IOException {
		String preset = "small", image = "test-images/blobs-2phase.tif";
		int md = 8, mg = 16, nd = 5, iters = 3, warmup = 1, real = 0, genEdge = 192, genRuns = 2;
		boolean profile = false;
		String backendName = "cpu";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--preset":
					preset = args[++i];
					break;
				case "--md":
					md = Integer.parseInt(args[++i]);
					break;
				case "--mg":
					mg = Integer.parseInt(args[++i]);
					break;
				case "--nd":
					nd = Integer.parseInt(args[++i]);
					break;
				case "--iters":
					iters = Integer.parseInt(args[++i]);
					break;
				case "--warmup":
					warmup = Integer.parseInt(args[++i]);
					break;
				case "--real-per-axis":
					real = Integer.parseInt(args[++i]);
					break;
				case "--gen-edge":
					genEdge = Integer.parseInt(args[++i]);
					break;
				case "--gen-runs":
					genRuns = Integer.parseInt(args[++i]);
					break;
				case "--image":
					image = args[++i];
					break;
				case "--profile":
					profile = true;
					break;
				case "--no-helpers":
					CpuHelpers.disableOneDnn();
					break;
				case "--backend":
					backendName = args[++i];
					break;
				default:
					throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		ImagePlus imp = IJ.openImage(image);
		SourceImage im = SourceImage.ofBytes(imp.getTitle(), imp.getWidth(), imp.getHeight(), (byte[]) imp
			.getProcessor().getPixels());
		NetSpec spec = NetSpec.preset(preset, 2, Head.SOFTMAX);
		TrainingConfig c = new TrainingConfig();
		c.criticBatch = md;
		c.generatorBatch = mg;
		c.criticSteps = nd;
		c.realPerAxis = real;
		c.iterations = warmup + iters;
		c.checkpointEvery = 0;
		Backend raw = Backends.open(backendName, Precision.FLOAT);
		OpTimer timer = new OpTimer(raw);
		Backend be = profile ? timer.backend() : raw;
		List<TrainingProgress> timed = new ArrayList<>();
		CpuUsage[] window = new CpuUsage[2];
		final int skip = warmup;
		String description = be.name();
		List<Double> genMs = new ArrayList<>();
		try (Trainer t = new Trainer(be, TrainingData.isotropic(im, null, spec.trainingEdge()), spec, c)) {
			t.train(p -> {
				if (p.iteration == skip) {
					timer.reset();
					window[0] = CpuUsage.now();
				}
				if (p.iteration > skip) {
					timed.add(p);
					window[1] = CpuUsage.now();
				}
				System.err.println(p + String.format(Locale.ROOT, "  critic steps %.0f ms, generator step %.0f ms",
					p.criticMillis, p.generatorMillis));
			});
			if (profile) System.err.println(timer.report());
			if (genEdge > 0) try (VolumeGenerator g = new VolumeGenerator(be, t.snapshot())) {
				for (int r = 0; r < genRuns; r++) {
					long t0 = System.nanoTime();
					g.generateEdge(genEdge, 1 + r);
					genMs.add((System.nanoTime() - t0) / 1e6);
				}
			}
		}
		CpuUsage.Interval w = window[0] != null && window[1] != null ? window[1].since(window[0]) : null;
		int ndSteps = nd;
		System.out.printf(Locale.ROOT, "{\"impl\": \"java\", \"build\": \"%s\", \"preset\": \"%s\", \"md\": %d, " +
			"\"mg\": %d, \"nd\": %d, \"real_per_axis\": %d, \"iter_ms\": %s, \"critic_ms\": %s, \"gen_step_ms\": %s, \"gen_ms\": %s, " +
			"\"gen_edge\": %d, \"threads_configured\": %d, \"threads_busy\": %d, \"parallelism\": %.2f, " +
			"\"others_cores\": %.2f, \"peak_rss_mb\": %.1f}%n", description.replace("\"", "'"), preset, md, mg, nd, c
				.realPerAxis(spec
					.trainingEdge()), json(
						timed.stream().map(p -> p.criticMillis + p.generatorMillis).collect(Collectors.toList())), json(
							timed
								.stream().map(p -> p.criticMillis / ndSteps).collect(Collectors.toList())), json(timed
									.stream().map(
										p -> p.generatorMillis).collect(Collectors.toList())), json(genMs), genEdge,
			configuredThreads(),
			w == null ? 0 : w.busyThreads, w == null ? Double.NaN : w.parallelism(), w == null ? Double.NaN
				: w.othersCores, peakRssMb());
		raw.close();
	}

	private static String json(List<Double> values) {
		return values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(Collectors.joining(", ", "[",
			"]"));
	}

	/** OpenMP's thread count, which oneDNN, ND4J and the backend's Java loops all follow. */
	static int configuredThreads() {
		int n = Runtime.getRuntime().availableProcessors();
		String omp = System.getenv("OMP_NUM_THREADS");
		try {
			if (omp != null) n = Math.min(n, Integer.parseInt(omp.trim()));
		}
		catch (NumberFormatException e) {
			// the processors
		}
		return n;
	}

	/** VmHWM: the process's peak resident memory, native (ND4J, oneDNN) memory included. */
	static double peakRssMb() throws IOException {
		for (String line : Files.readAllLines(Paths.get("/proc/self/status")))
			if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
		return Double.NaN;
	}
}

package sc.fiji.slicegan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.OpTimer;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * Times the training loop and a generation, with the same options and JSON line as
 * scripts/pytorch/bench_torch.py, for scripts/bench-cpu.sh. {@code --profile} prints where the time goes per
 * backend operation; {@code --no-helpers} turns ND4J's oneDNN kernels off, to see which operations they run.
 */
public final class TrainingBenchmark {

	public static void main(String[] args) throws IOException {
		String preset = "small", image = "test-images/blobs-2phase.tif";
		int md = 8, mg = 16, nd = 5, iters = 3, warmup = 1, real = 0, genEdge = 192;
		boolean profile = false;
		String backendName = "cpu";
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--preset": preset = args[++i]; break;
				case "--md": md = Integer.parseInt(args[++i]); break;
				case "--mg": mg = Integer.parseInt(args[++i]); break;
				case "--nd": nd = Integer.parseInt(args[++i]); break;
				case "--iters": iters = Integer.parseInt(args[++i]); break;
				case "--warmup": warmup = Integer.parseInt(args[++i]); break;
				case "--real-per-axis": real = Integer.parseInt(args[++i]); break;
				case "--gen-edge": genEdge = Integer.parseInt(args[++i]); break;
				case "--image": image = args[++i]; break;
				case "--profile": profile = true; break;
				case "--no-helpers": CpuHelpers.disableOneDnn(); break;
				case "--backend": backendName = args[++i]; break;
				default: throw new IllegalArgumentException("unknown option " + args[i]);
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
		final int skip = warmup;
		String description = be.name();
		double genMs;
		try (Trainer t = new Trainer(be, TrainingData.isotropic(im, null, spec.trainingEdge()), spec, c)) {
			t.train(p -> {
				if (p.iteration == skip) timer.reset();
				if (p.iteration > skip) timed.add(p);
				System.err.println(p + String.format(Locale.ROOT, "  critic steps %.0f ms, generator step %.0f ms",
					p.criticMillis, p.generatorMillis));
			});
			if (profile) System.err.println(timer.report());
			try (VolumeGenerator g = new VolumeGenerator(be, t.snapshot())) {
				long t0 = System.nanoTime();
				g.generateEdge(genEdge, 1);
				genMs = (System.nanoTime() - t0) / 1e6;
			}
		}
		double critic = timed.stream().mapToDouble(p -> p.criticMillis).average().orElse(Double.NaN) / nd;
		double gen = timed.stream().mapToDouble(p -> p.generatorMillis).average().orElse(Double.NaN);
		double iter = timed.stream().mapToDouble(p -> p.criticMillis + p.generatorMillis).average().orElse(Double.NaN);
		System.out.printf(Locale.ROOT, "{\"impl\": \"java\", \"backend\": \"%s\", \"preset\": \"%s\", \"md\": %d, " +
			"\"mg\": %d, \"ms_per_iter\": %.1f, \"ms_per_critic_step\": %.1f, \"ms_per_gen_step\": %.1f, " +
			"\"gen_ms\": %.1f, \"gen_edge\": %d, \"peak_rss_mb\": %.1f}%n", description, preset, md, mg, iter, critic, gen,
			genMs, genEdge, peakRssMb());
		raw.close();
	}

	/** VmHWM: the process's peak resident memory, native (ND4J) memory included. */
	static double peakRssMb() throws IOException {
		for (String line : Files.readAllLines(Paths.get("/proc/self/status")))
			if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
		return Double.NaN;
	}
}

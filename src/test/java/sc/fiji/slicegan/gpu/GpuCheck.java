package sc.fiji.slicegan.gpu;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.OpTimer;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.cuda.CudaBackend;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.TorchGoldenOnBackend;
import sc.fiji.slicegan.train.Trainer;

/**
 * The GPU check (scripts/gpu-check.sh): every op against the CPU backend's golden outputs and the networks and
 * losses against the PyTorch golden file (TF32 off), then a 300-iteration training run, the Table 1 training
 * speed and the generation of a 480³ volume (TF32 on).
 */
public final class GpuCheck {

	static final double TOLERANCE = 1e-4;

	public static void main(String[] args) throws Exception {
		Path results = Paths.get(args.length > 0 ? args[0] : "gpu-results");
		Path goldens = Paths.get(args.length > 1 ? args[1] : "target/gpu-golden/ops.bin");
		Files.createDirectories(results);
		PrintStream out = System.out;
		int failures = 0;
		System.setProperty("slicegan.tf32", "false");
		try (Backend be = new CudaBackend(Precision.FLOAT)) {
			out.println("backend: " + be.name());
			Map<String, float[]> expected;
			try (InputStream in = Files.newInputStream(goldens)) {
				expected = OpCases.read(in);
			}
			Map<String, float[]> actual = OpCases.run(be);
			out.println("\n== ops vs CPU backend (relative error, limit " + TOLERANCE + ")");
			for (Map.Entry<String, float[]> e : expected.entrySet()) {
				double err = relativeError(actual.get(e.getKey()), e.getValue());
				boolean ok = err < TOLERANCE;
				if (!ok) failures++;
				out.printf(Locale.ROOT, "%-4s %-22s %.2e%n", ok ? "ok" : "FAIL", e.getKey(), err);
			}
			out.println("\n== networks and losses vs PyTorch (float32, relative error < 1e-4)");
			List<String> lines = TorchGoldenOnBackend.check(be);
			for (String l : lines) {
				out.println(l);
				if (l.startsWith("FAIL")) failures++;
			}
			out.println(
				"\n== generators of the published PyTorch SliceGAN, imported (float32, largest difference < 1e-4)");
			for (String l : sc.fiji.slicegan.pytorch.PublishedOnBackend.check(be)) {
				out.println(l);
				if (l.startsWith("FAIL")) failures++;
			}
		}
		System.setProperty("slicegan.tf32", "true");
		SourceImage image;
		try (java.io.DataInputStream in = new java.io.DataInputStream(Files.newInputStream(goldens.resolveSibling(
			"blobs-2phase.bin"))))
		{
			int w = in.readInt(), h = in.readInt();
			byte[] px = new byte[w * h];
			in.readFully(px);
			image = SourceImage.ofBytes("blobs-2phase", w, h, px);
		}
		ModelState trained = null, trainedRc = null;
		try (CudaBackend be = new CudaBackend(Precision.FLOAT)) {
			out.println("\n== training: small network, 300 iterations on blobs-2phase.tif (image φ = 0.350), " + be
				.name());
			NetSpec spec = NetSpec.small(2, Head.SOFTMAX);
			TrainingConfig c = TrainingConfig.quick();
			c.iterations = 300;
			c.checkpointEvery = 0;
			try (Trainer t = new Trainer(be, TrainingData.isotropic(image, null, spec.trainingEdge()), spec, c)) {
				double before = particleFraction(be, t.snapshot());
				long t0 = System.nanoTime();
				boolean[] finite = { true };
				t.train(p -> {
					finite[0] &= p.finite();
					if (p.iteration % 50 == 0) out.println(p);
				});
				be.synchronize();
				double seconds = (System.nanoTime() - t0) / 1e9;
				double after = particleFraction(be, t.snapshot());
				boolean moved = Math.abs(after - 0.35) < Math.abs(before - 0.35);
				if (!finite[0] || !moved) failures++;
				out.printf(Locale.ROOT, "%s losses finite: %s; particle fraction %.3f -> %.3f (image 0.350); %.1f s%n",
					finite[0] && moved ? "ok" : "FAIL", finite[0], before, after, seconds);
			}
			out.println("\n== speed: Table 1 networks, m_D = 8, m_G = 8, n_D = 5, lambda 10, 64^3 volumes");
			NetSpec table1 = NetSpec.table1(2, Head.SOFTMAX);
			for (int real : new int[] { 0, 8 }) {
				TrainingConfig f = new TrainingConfig();
				f.criticBatch = 8;
				f.generatorBatch = 8;
				f.realPerAxis = real;
				f.iterations = 7;
				f.checkpointEvery = 0;
				try (Trainer t = new Trainer(be, TrainingData.isotropic(image, null, 64), table1, f)) {
					long[] clock = new long[2];
					double[] steps = new double[2];
					// timed in the listener: train() ends by copying the model to the host, which is not an iteration
					t.train(p -> {
						if (p.iteration >= 2) be.synchronize();
						if (p.iteration == 2) clock[0] = System.nanoTime();
						if (p.iteration == 7) clock[1] = System.nanoTime();
						if (p.iteration > 2) {
							steps[0] += p.criticMillis / 5 / f.criticSteps;
							steps[1] += p.generatorMillis / 5;
						}
					});
					out.printf(Locale.ROOT, "ours (real crops per axis %d): %.1f ms per iteration (mean of 5 after 2 " +
						"warm-up; issuing the critic steps %.1f ms each, the generator step and the wait for the GPU %.1f ms)%n",
						f.realPerAxis(64), (clock[1] - clock[0]) /
							5e6, steps[0], steps[1]);
					trained = t.snapshot();
				}
			}
			out.println(
				"\n== speed: the published resize-convolution networks (rc), m_D = 8, m_G = 8, n_D = 5, 64^3 volumes");
			{
				TrainingConfig f = new TrainingConfig();
				f.criticBatch = 8;
				f.generatorBatch = 8;
				f.realPerAxis = 8;
				f.iterations = 7;
				f.checkpointEvery = 0;
				f.init = "pytorch";
				try (Trainer t = new Trainer(be, TrainingData.isotropic(image, null, 64), NetSpec.rc(2, Head.SOFTMAX),
					f))
				{
					long[] clock = new long[2];
					boolean[] finite = { true };
					t.train(p -> {
						finite[0] &= p.finite();
						if (p.iteration >= 2) be.synchronize();
						if (p.iteration == 2) clock[0] = System.nanoTime();
						if (p.iteration == 7) clock[1] = System.nanoTime();
					});
					if (!finite[0]) failures++;
					out.printf(Locale.ROOT,
						"ours rc (real crops per axis 8): %.1f ms per iteration (mean of 5 after 2 " +
							"warm-up), losses finite: %s%n", (clock[1] - clock[0]) / 5e6, finite[0]);
					trainedRc = t.snapshot();
				}
			}
			try (VolumeGenerator g = new VolumeGenerator(be, trained)) {
				g.generate(4, 1);
				for (int lf : new int[] { 17, 17 }) {
					long g0 = System.nanoTime();
					GeneratedVolume v = g.generate(lf, 1);
					out.printf(Locale.ROOT, "generation lf=%d: %d^3 volume to byte planes in %.3f s%n", lf, v.depth,
						(System
							.nanoTime() - g0) / 1e9);
				}
			}
			out.println("\n== implementations chosen on first use (timed)");
			out.println(be.tuningReport());
			out.println(
				"\n== where the time goes: one Table 1 iteration (m_D = 8, real crops 8), each op synchronised");
			OpTimer timer = new OpTimer(be, true);
			TrainingConfig f = new TrainingConfig();
			f.criticBatch = 8;
			f.generatorBatch = 8;
			f.realPerAxis = 8;
			f.iterations = 2;
			f.checkpointEvery = 0;
			String[] profile = new String[1];
			try (Trainer t = new Trainer(timer.backend(), TrainingData.isotropic(image, null, 64), table1, f)) {
				// the second iteration alone: not the first one's set-up, nor the model copy at the end
				t.train(p -> {
					if (p.iteration == 1) timer.reset();
					if (p.iteration == 2) profile[0] = timer.report();
				});
			}
			out.print(profile[0]);
		}
		// with TF32, different shapes get differently rounded algorithms, which can flip near-ties of the argmax
		System.setProperty("slicegan.tf32", "false");
		try (CudaBackend be = new CudaBackend(Precision.FLOAT)) {
			for (ModelState m : new ModelState[] { trained, trainedRc }) {
				out.println("\n== generation in slabs equals generation in one piece (" + m.spec.kind.id +
					" generator, 160^3, FP32)");
				try (VolumeGenerator one = new VolumeGenerator(be, m); VolumeGenerator slabs = new VolumeGenerator(be,
					m))
				{
					slabs.setTileVoxels(40 * 160 * 160);
					GeneratedVolume a = one.generate(7, 3), b = slabs.generate(7, 3);
					long differ = 0, voxels = 0;
					for (int z = 0; z < a.depth; z++)
						for (int i = 0; i < a.planes[z].length; i++, voxels++)
							if (a.planes[z][i] != b.planes[z][i]) differ++;
					boolean ok = differ <= voxels / 1000000;
					if (!ok) failures++;
					out.printf(Locale.ROOT, "%s %d of %d voxels differ (slabs of at most 40 planes)%n", ok ? "ok"
						: "FAIL",
						differ, voxels);
				}
			}
		}
		out.println("\nGPU check: " + (failures == 0 ? "all passed" : failures + " failed"));
		System.exit(failures == 0 ? 0 : 1);
	}

	static double relativeError(float[] a, float[] b) {
		if (a == null || a.length != b.length) return Double.POSITIVE_INFINITY;
		double d = 0, n = 0;
		for (int i = 0; i < a.length; i++) {
			d += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
			n += (double) b[i] * b[i];
		}
		return n == 0 ? Math.sqrt(d) : Math.sqrt(d / n);
	}

	static double particleFraction(Backend be, ModelState m) {
		try (VolumeGenerator g = new VolumeGenerator(be, m)) {
			double f = 0;
			for (int seed = 0; seed < 3; seed++) {
				GeneratedVolume v = g.generateEdge(64, seed);
				long ones = 0;
				for (byte[] p : v.planes)
					for (byte b : p)
						if (b != 0) ones++;
				f += ones / (3.0 * v.width * v.height * v.depth);
			}
			return f;
		}
	}
}

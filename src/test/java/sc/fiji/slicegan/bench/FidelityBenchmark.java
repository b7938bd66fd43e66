package sc.fiji.slicegan.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.compare.LabelImages;
import sc.fiji.slicegan.compare.VolumeSetComparison;
import sc.fiji.slicegan.compare.VolumeSetStatistics;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.metrics.LabelVolume;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.run.TrainOptions;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingListener;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * Fidelity on real materials (scripts/bench-fidelity.sh): for each 3D volume, train on ONE 2D slice of it
 * (isotropic; {@code --whole-volume}: on every slice of it along each axis), generate N volumes of a fixed edge, and
 * compare them with N random crops of the real volume of the same edge: phase fractions, specific surface area, S₂
 * along each axis, TPB (3+ phases), relative diffusivity and tortuosity along each axis. One table per volume and
 * run; with several runs, which one wins on most statistics.
 * <p>
 * Modes: {@code cpu} (the CPU preset's network, small-rc-wide, on volumes mode-downsampled 2×) and {@code gpu} (Table 1 and rc at full resolution,
 * backend gpu). Every random number comes from the seeds (training, crops, generation). {@code --eval-every K} records
 * the statistics every K iterations (curve.csv); {@code --summarize DIR} counts the wins of the runs saved in DIR.
 */
public final class FidelityBenchmark {

	/** The settings of an invocation; lists (networks, schedules, inits, seeds) make one run per combination. */
	static final class Settings {
		private static final TrainingConfig PRODUCT = new TrainingConfig();
		String mode = "cpu";
		Path dataDir;
		List<String> volumes = new ArrayList<>();
		// one run of the product's loop unless asked for more
		List<String> networks, schedules = Arrays.asList(PRODUCT.schedule), inits = Arrays.asList(PRODUCT.init);
		List<Long> seeds = Arrays.asList(42L);
		Integer iterations, criticBatch, generatorBatch, realCrops, penaltySamples, factor, edge, slice;
		int criticSteps = 5, count = 32, evalEvery = 0, logEvery = 100;
		/** Volumes per curve point (default: min(8, count)). */
		Integer curveCount;
		Double learningRate, beta1, beta2;
		long cropSeed = 7, generationSeed = 1000;
		String backend, tag = "", lambda;
		Path out = Paths.get("target/fidelity");
		List<Path> models = new ArrayList<>();
		List<Path> summarize = new ArrayList<>();
		boolean curveDiffusion = true, keepCheckpoints = false, baseline = true, orthogonal = false;
		boolean wholeVolume = false;

		static Settings parse(String[] args) {
			Settings s = new Settings();
			for (int i = 0; i < args.length; i++) {
				String a = args[i];
				if (!a.startsWith("--")) {
					if (s.dataDir != null) throw new IllegalArgumentException("one data folder, not " + s.dataDir +
						" and " + a);
					s.dataDir = Paths.get(a);
					continue;
				}
				if (a.equals("--no-curve-diffusion")) s.curveDiffusion = false;
				else if (a.equals("--keep-checkpoints")) s.keepCheckpoints = true;
				else if (a.equals("--no-baseline")) s.baseline = false;
				else if (a.equals("--orthogonal")) s.orthogonal = true;
				else if (a.equals("--whole-volume")) s.wholeVolume = true;
				else {
					if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
					String v = args[++i];
					switch (a) {
						case "--mode":
							s.mode = v;
							break;
						case "--volumes":
							s.volumes = list(v);
							break;
						case "--network":
							s.networks = list(v);
							break;
						case "--schedule":
							s.schedules = list(v);
							break;
						case "--init":
							s.inits = list(v);
							break;
						case "--seed":
							s.seeds = list(v).stream().map(Long::parseLong).collect(Collectors.toList());
							break;
						case "--iterations":
							s.iterations = Integer.parseInt(v);
							break;
						case "--critic-batch":
							s.criticBatch = Integer.parseInt(v);
							break;
						case "--generator-batch":
							s.generatorBatch = Integer.parseInt(v);
							break;
						case "--critic-steps":
							s.criticSteps = Integer.parseInt(v);
							break;
						case "--real-crops":
							s.realCrops = Integer.parseInt(v);
							break;
						case "--penalty-samples":
							s.penaltySamples = Integer.parseInt(v);
							break;
						case "--learning-rate":
							s.learningRate = Double.parseDouble(v);
							break;
						case "--beta1":
							s.beta1 = Double.parseDouble(v);
							break;
						case "--beta2":
							s.beta2 = Double.parseDouble(v);
							break;
						case "--lambda":
							s.lambda = v;
							break;
						case "--count":
							s.count = Integer.parseInt(v);
							break;
						case "--curve-count":
							s.curveCount = Integer.parseInt(v);
							break;
						case "--edge":
							s.edge = Integer.parseInt(v);
							break;
						case "--factor":
							s.factor = Integer.parseInt(v);
							break;
						case "--slice":
							s.slice = Integer.parseInt(v);
							break;
						case "--crop-seed":
							s.cropSeed = Long.parseLong(v);
							break;
						case "--generation-seed":
							s.generationSeed = Long.parseLong(v);
							break;
						case "--eval-every":
							s.evalEvery = Integer.parseInt(v);
							break;
						case "--log-every":
							s.logEvery = Integer.parseInt(v);
							break;
						case "--backend":
							s.backend = v;
							break;
						case "--tag":
							s.tag = v;
							break;
						case "--out":
							s.out = Paths.get(v);
							break;
						case "--models":
							s.models = list(v).stream().map(Paths::get).collect(Collectors.toList());
							break;
						case "--summarize":
							s.summarize.add(Paths.get(v));
							break;
						default:
							throw new IllegalArgumentException("unknown option " + a);
					}
				}
			}
			boolean gpu = s.mode.equals("gpu");
			if (!gpu && !s.mode.equals("cpu")) throw new IllegalArgumentException("--mode is cpu or gpu, not " +
				s.mode);
			// the modes' defaults: CPU, the quick settings (network included) on 2× downsampled volumes; GPU, the
			// paper's settings on Table 1 and rc at full resolution
			if (s.networks == null) s.networks = gpu ? Arrays.asList("table1", "rc") : Arrays.asList(
				TrainOptions.QUICK_NETWORK);
			if (s.factor == null) s.factor = gpu ? 1 : 2;
			if (s.backend == null) s.backend = gpu ? "gpu" : "cpu";
			TrainingConfig defaults = gpu ? new TrainingConfig() : TrainingConfig.quick();
			if (s.iterations == null) s.iterations = gpu ? 10000 : defaults.iterations;
			if (s.criticBatch == null) s.criticBatch = defaults.criticBatch;
			if (s.generatorBatch == null && !gpu) s.generatorBatch = defaults.generatorBatch;
			if (s.learningRate == null) s.learningRate = defaults.learningRate;
			if (s.beta1 == null) s.beta1 = defaults.beta1;
			if (s.beta2 == null) s.beta2 = defaults.beta2;
			if (s.curveCount == null) s.curveCount = Math.min(8, s.count);
			if (s.orthogonal && s.wholeVolume) throw new IllegalArgumentException(
				"--orthogonal and --whole-volume are two ways to train: choose one");
			return s;
		}

		private static List<String> list(String v) {
			return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toList());
		}

		/** Algorithm 1's settings of one run: the schedule decides what is not given (as the command line does). */
		TrainingConfig config(String schedule, String init, long seed) {
			TrainingConfig c = new TrainingConfig();
			c.iterations = iterations;
			c.criticBatch = criticBatch;
			c.schedule = schedule;
			c.generatorBatch = generatorBatch != null ? generatorBatch : c.scheduleGeneratorBatch();
			c.criticSteps = criticSteps;
			c.realPerAxis = realCrops == null ? 0 : realCrops;
			c.penaltyPerAxis = penaltySamples == null ? 0 : penaltySamples;
			c.learningRate = learningRate;
			c.beta1 = beta1;
			c.beta2 = beta2;
			if (lambda != null) c.lambda = Double.parseDouble(lambda);
			c.seed = seed;
			c.init = init;
			c.checkpointEvery = 0;
			return c.validate();
		}
	}

	/** One volume's real side: the (downsampled) volume, its training slice, the real crops and their statistics. */
	static final class RealSide {
		final RealVolume volume;
		final int edge, slice;
		final SourceImage trainingImage;
		final List<LabelVolume> crops;
		final VolumeSetStatistics stats;
		final TrainingSliceFloor floor;

		RealSide(RealVolume volume, int edge, int slice, SourceImage trainingImage, List<LabelVolume> crops,
			VolumeSetStatistics stats, TrainingSliceFloor floor)
		{
			this.volume = volume;
			this.edge = edge;
			this.slice = slice;
			this.trainingImage = trainingImage;
			this.crops = crops;
			this.stats = stats;
			this.floor = floor;
		}
	}

	public static void main(String[] args) throws IOException {
		Settings s = Settings.parse(args);
		if (!s.summarize.isEmpty()) {
			summarize(s.summarize);
			return;
		}
		if (s.dataDir == null) throw new IllegalArgumentException("usage: FidelityBenchmark DATA_DIR [options]");
		List<Path> files = volumeFiles(s);
		System.out.println("# Fidelity benchmark, mode " + s.mode + ", " + Runtime.getRuntime().availableProcessors() +
			" cores, " + cpuName() + ", load " + Load.average());
		try (Backend backend = Backends.open(s.backend, Precision.FLOAT, line -> System.out.println("# " + line))) {
			Map<String, Map<String, List<FidelityTables.Row>>> all = new LinkedHashMap<>();
			for (Path f : files) {
				RealVolume v = RealVolume.load(f, s.factor);
				if (!v.is3D()) {
					System.out.println("# " + f.getFileName() + " is 2D: no 3D truth, skipped");
					continue;
				}
				RealSide real = realSide(v, s);
				Map<String, List<FidelityTables.Row>> runs = new LinkedHashMap<>();
				all.put(v.name, runs);
				if (!s.models.isEmpty()) for (Path m : s.models) {
					String name = m.getFileName().toString().replaceAll("\\.zip$", "") + s.tag;
					runs.put(name, evaluateModel(backend, ModelFile.load(m), real, s, s.out.resolve(v.name).resolve(
						name)));
				}
				else for (String network : s.networks)
					for (String schedule : s.schedules)
						for (String init : s.inits)
							for (long seed : s.seeds) {
								String name = network + "-" + schedule + "-" + init + "-s" + seed + s.tag;
								runs.put(name, train(backend, network, s.config(schedule, init, seed), real, s, s.out
									.resolve(v.name)
									.resolve(name)));
							}
				if (runs.size() > 1) System.out.println(FidelityTables.winsTable("## Wins on " + v.name, runs));
			}
			if (all.size() > 1 && all.values().stream().allMatch(r -> r.size() > 1)) System.out.println(totalWins(all));
		}
	}

	private static List<Path> volumeFiles(Settings s) throws IOException {
		if (!s.volumes.isEmpty()) return s.volumes.stream().map(s.dataDir::resolve).collect(Collectors.toList());
		try (Stream<Path> list = Files.list(s.dataDir)) {
			return list.filter(p -> p.toString().matches(".*\\.tiff?$")).sorted().collect(Collectors.toList());
		}
	}

	static RealSide realSide(RealVolume v, Settings s) throws IOException {
		LabelVolume l = v.labels;
		int edge = s.edge != null ? s.edge : Math.min(l.width, Math.min(l.height, l.depth)) / 2;
		int slice = s.slice != null ? s.slice : l.depth / 2;
		long t0 = System.nanoTime();
		List<LabelVolume> crops = v.crops(s.count, edge, s.cropSeed);
		VolumeSetStatistics stats = VolumeSetStatistics.of(crops, v.labelSet(), statsOptions(true));
		System.out.printf(Locale.ROOT, "%n## %s: %dx%dx%d after %d× mode downsampling, phases %s (fractions %s); " +
			"training slice z = %d (%dx%d); %d real crops of %d³ (seed %d), statistics in %.0f s%n", v.name, l.width,
			l.height, l.depth, s.factor, Arrays.toString(v.values), fractions(l), slice, l.width, l.height, s.count,
			edge,
			s.cropSeed, (System.nanoTime() - t0) / 1e9);
		Path dir = s.out.resolve(v.name);
		Files.createDirectories(dir);
		saveTiff(crops.get(0), v.values, dir.resolve("real-crop.tif"));
		saveTiff(l, v.values, dir.resolve("real-volume.tif"));
		LabelVolume sliceLabels = l.crop(0, 0, slice, l.width, l.height, 1);
		saveTiff(sliceLabels, v.values, dir.resolve("training-slice.tif"));
		TrainingSliceFloor floor = new TrainingSliceFloor(sliceLabels, v.labelSet(), v.values, stats.maxR);
		RealSide real = new RealSide(v, edge, slice, v.slice(slice), crops, stats, floor);
		if (s.baseline) {
			// the noise floor: another set of real crops against the first
			VolumeSetStatistics other = VolumeSetStatistics.of(v.crops(s.count, edge, s.cropSeed + 1), v.labelSet(),
				statsOptions(true));
			VolumeSetComparison c = VolumeSetComparison.of(stats, other);
			System.out.println("### baseline: " + s.count + " other real crops (seed " + (s.cropSeed + 1) +
				") as the " +
				"'generated' set");
			System.out.print(c.table(p -> v.values[p]));
			List<FidelityTables.Row> rows = FidelityTables.rows(c, v.values);
			System.out.println(FidelityTables.targets(rows));
			FidelityTables.write(rows, dir.resolve("baseline-real-crops").resolve("baseline.csv"));
		}
		// one slice is a small sample of the material: its own statistics miss the volume's by this much
		String floorTable = floor.table(stats);
		System.out.println("### the training slice z = " + slice + " against the real crops (what a generator that " +
			"copied the slice's statistics would miss by)");
		System.out.print(floorTable);
		System.out.println(everySlice(l, v, stats));
		Files.write(dir.resolve("training-slice-" + slice + ".txt"), Arrays.asList(floorTable.split("\n")),
			StandardCharsets.UTF_8);
		return real;
	}

	/** How typical the training slice is: the slice floor's mean S₂ RMSE over every xy slice of the volume. */
	static String everySlice(LabelVolume l, RealVolume v, VolumeSetStatistics real) {
		double[] rmse = new double[l.depth];
		int best = 0, below = 0;
		for (int z = 0; z < l.depth; z++) {
			rmse[z] = new TrainingSliceFloor(l.crop(0, 0, z, l.width, l.height, 1), v.labelSet(), v.values, real.maxR)
				.meanRmse(real);
			if (rmse[z] < rmse[best]) best = z;
			if (rmse[z] <= 0.005) below++;
		}
		double[] sorted = rmse.clone();
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "every xy slice's mean S2 RMSE against the real crops: median %.4f, lowest " +
			"%.4f (z = %d), %d of %d at most 0.005", sorted[sorted.length / 2], rmse[best], best, below, l.depth);
	}

	private static VolumeSetStatistics.Options statsOptions(boolean diffusion) {
		VolumeSetStatistics.Options o = new VolumeSetStatistics.Options();
		o.diffusion = diffusion;
		return o;
	}

	private static String fractions(LabelVolume l) {
		long[] h = l.histogram();
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < 256; i++)
			if (h[i] > 0) b.append(b.length() > 0 ? " " : "").append(String.format(Locale.ROOT, "%.3f", h[i] /
				(double) l.voxelCount()));
		return b.toString();
	}

	/** Trains one run on the real side's slice, recording a curve, and compares its final volumes. */
	static List<FidelityTables.Row> train(Backend backend, String network, TrainingConfig c, RealSide real, Settings s,
		Path dir) throws IOException
	{
		Files.createDirectories(dir);
		NetSpec spec = NetSpec.preset(network, real.volume.values.length, Head.SOFTMAX);
		LabelVolume l = real.volume.labels;
		// the paper's anisotropic mode on the middle planes: a critic per axis, each shown its own plane
		// or every slice of the volume along each axis, a critic each: what 2D sections of the whole volume teach
		TrainingData data = s.orthogonal ? TrainingData.anisotropic(real.trainingImage, real.volume.planeNormalToY(
			l.height / 2), real.volume.planeNormalToX(l.width / 2), ImageKind.N_PHASE, spec.trainingEdge())
			: TrainingData.isotropic(s.wholeVolume ? real.volume.whole() : real.trainingImage, ImageKind.N_PHASE,
				spec.trainingEdge());
		String trainedOn = s.orthogonal ? ", trained on the xy, xz and yz planes through the middle (a critic each)"
			: s.wholeVolume ? ", trained on the whole volume's slices along each axis (a critic each)" : "";
		String settings = String.format(Locale.ROOT, "network %s, schedule %s, init %s, m_D %d, m_G %d, n_D %d, real " +
			"crops %d, penalty samples %d, lr %g, betas (%g, %g), lambda %g, %d iterations, seed %d", network,
			c.schedule,
			c.init, c.criticBatch, c.generatorBatch, c.criticSteps, c.realPerAxis(spec.trainingEdge()), c
				.penaltyPerAxis(),
			c.learningRate, c.beta1, c.beta2, c.lambda, c.iterations, c.seed) + trainedOn;
		System.out.printf(Locale.ROOT, "%n### %s / %s: %s; %s%n", real.volume.name, dir.getFileName(), settings, backend
			.name());
		List<String> curve = new ArrayList<>();
		Load load = new Load();
		double[] trainMs = { 0 };
		List<double[]> intervals = new ArrayList<>();
		ModelState last;
		try (Trainer t = new Trainer(backend, data, spec, c)) {
			long[] mark = { 0 };
			double[] markMs = { 0 };
			Load[] markLoad = { new Load() };
			Trainer.Result r = t.train(new TrainingListener() {
				@Override
				public void iterationDone(TrainingProgress p) {
					trainMs[0] += p.criticMillis + p.generatorMillis;
					boolean log = p.iteration % s.logEvery == 0 || p.iteration == p.totalIterations;
					boolean eval = s.evalEvery > 0 && p.iteration % s.evalEvery == 0 && p.iteration < p.totalIterations;
					if (log) {
						Load now = new Load();
						double ms = (trainMs[0] - markMs[0]) / (p.iteration - mark[0]);
						double share = now.cpuShare(markLoad[0]);
						intervals.add(new double[] { ms, now.load1, share });
						System.out.printf(Locale.ROOT,
							"  it %6d  W %8.4f  gp %7.4f  G %8.4f  %6.0f ms/it  load %.2f  cpu %.2f " +
								"cores  train %s%n", p.iteration, p.wasserstein(), p.penalty, p.generatorLoss, ms,
							now.load1, share,
							TrainingProgress.clock((long) trainMs[0]));
						mark[0] = p.iteration;
						markMs[0] = trainMs[0];
						markLoad[0] = now;
					}
					if (eval) {
						ModelState m = t.snapshot();
						List<FidelityTables.Row> rows = compare(backend, m, real, s, s.curveCount,
							s.curveDiffusion).rows;
						curve.add(curveLine(curve, p, trainMs[0], rows));
						System.out.println("  it " + p.iteration + " " + summary(rows));
						if (s.keepCheckpoints) try {
							ModelFile.save(m, dir.resolve("model-" + p.iteration + ".zip"));
						}
						catch (IOException e) {
							throw new RuntimeException(e);
						}
					}
				}
			});
			last = r.model;
			ModelFile.save(last, dir.resolve("model.zip"));
			List<FidelityTables.Row> rows = finish(backend, last, real, s, dir, settings + "; " + backend.name());
			if (!curve.isEmpty()) {
				curve.add(curveLine(curve, r.last, trainMs[0], rows));
				Files.write(dir.resolve("curve.csv"), curve, StandardCharsets.UTF_8);
			}
			double[] ms = intervals.stream().mapToDouble(x -> x[0]).sorted().toArray();
			// intervals in which this process had (nearly) both cores: what the run takes alone on 2 cores
			double[] alone = intervals.stream().filter(x -> x[2] >= ALONE_CORES).mapToDouble(x -> x[0]).sorted()
				.toArray();
			String timing = String.format(Locale.ROOT, "training %s for %d iterations (median %.0f ms/it over %d " +
				"intervals; load %.2f..%.2f; this process %.2f cores on average); alone: %s", TrainingProgress.clock(
					(long) trainMs[0]), c.iterations, ms.length == 0 ? Double.NaN : ms[ms.length / 2], ms.length,
				intervals
					.stream().mapToDouble(x -> x[1]).min().orElse(Double.NaN), intervals.stream().mapToDouble(x -> x[1])
						.max()
						.orElse(Double.NaN), new Load().cpuShare(load), alone.length == 0 ? "no interval with " +
							ALONE_CORES +
							"+ cores" : String.format(Locale.ROOT,
								"median %.0f ms/it over %d intervals with %.1f+ cores, i.e. %s " +
									"for %d iterations", alone[alone.length / 2], alone.length, ALONE_CORES,
								TrainingProgress.clock(
									(long) (alone[alone.length / 2] * c.iterations)), c.iterations));
			System.out.println(timing);
			Files.write(dir.resolve("timing.txt"), Arrays.asList(timing), StandardCharsets.UTF_8);
			return rows;
		}
	}

	/** Cores this process must have had in an interval for its time to stand for a run alone on 2 cores. */
	static final double ALONE_CORES = 1.8;

	/** Evaluates a saved model as a run. */
	static List<FidelityTables.Row> evaluateModel(Backend backend, ModelState m, RealSide real, Settings s, Path dir)
		throws IOException
	{
		Files.createDirectories(dir);
		System.out.printf(Locale.ROOT, "%n### %s / %s: model %s at iteration %d%n", real.volume.name, dir.getFileName(),
			m.spec, m.iteration);
		return finish(backend, m, real, s, dir, "model at iteration " + m.iteration);
	}

	private static List<FidelityTables.Row> finish(Backend backend, ModelState m, RealSide real, Settings s, Path dir,
		String settings) throws IOException
	{
		long t0 = System.nanoTime();
		Evaluation e = compare(backend, m, real, s, s.count, true);
		List<FidelityTables.Row> rows = e.rows;
		String table = e.comparison.table(p -> real.volume.values[p]);
		String source = s.wholeVolume ? "the whole volume" : "slice z = " + real.slice;
		String title = String.format(Locale.ROOT, "%s, %dx downsampled, trained on %s; %d generated (seeds " +
			"%d..) vs %d real crops (seed %d) of %d³; %s", real.volume.name, s.factor, source, s.count,
			s.generationSeed, s.count, s.cropSeed, real.edge, settings);
		System.out.print(table);
		String targets = FidelityTables.targets(rows);
		// trained on the whole volume, the middle slice is one of many the generator was shown
		String againstSlice = s.wholeVolume ? "S2 RMSE against the training slice: none (trained on the whole volume)"
			: real.floor.generatedAgainstSlice(e.generated);
		PlanePattern planes = new PlanePattern(e.volumes, real.crops, real.volume.labelSet(), real.volume.values);
		String pattern = planes.line();
		String diffusivity = DiffusivityAtFraction.line(real.stats, e.generated, real.volume.labelSet(),
			real.volume.values);
		System.out.println(targets);
		System.out.println(againstSlice);
		System.out.println(pattern);
		if (diffusivity != null) System.out.println(diffusivity);
		System.out.printf(Locale.ROOT, "(generation and statistics %.0f s)%n", (System.nanoTime() - t0) / 1e9);
		FidelityTables.write(rows, dir.resolve("rows.csv"));
		List<String> lines = new ArrayList<>(Arrays.asList(title, table, targets, againstSlice, pattern));
		if (diffusivity != null) lines.add(diffusivity);
		Files.write(dir.resolve("table.txt"), lines, StandardCharsets.UTF_8);
		saveTiff(e.volumes.get(0), real.volume.values, dir.resolve("generated.tif"));
		Files.write(dir.resolve("plane-profile.csv"), planes.csv(), StandardCharsets.UTF_8);
		return rows;
	}

	/** Generated volumes, their statistics and their comparison with the real crops. */
	static final class Evaluation {
		final List<LabelVolume> volumes;
		final VolumeSetStatistics generated;
		final VolumeSetComparison comparison;
		final List<FidelityTables.Row> rows;

		Evaluation(List<LabelVolume> volumes, VolumeSetStatistics generated, VolumeSetComparison comparison,
			List<FidelityTables.Row> rows)
		{
			this.volumes = volumes;
			this.generated = generated;
			this.comparison = comparison;
			this.rows = rows;
		}
	}

	/** N generated volumes of the real side's edge against its crops. */
	static Evaluation compare(Backend backend, ModelState m, RealSide real, Settings s, int count, boolean diffusion) {
		List<LabelVolume> gen = new ArrayList<>();
		int[] values = real.volume.values;
		try (VolumeGenerator g = new VolumeGenerator(backend, m)) {
			for (int k = 0; k < count; k++)
				gen.add(LabelImages.labels(g.generateEdge(real.edge, s.generationSeed + k), m.phaseValues, values));
		}
		VolumeSetStatistics gs = VolumeSetStatistics.of(gen, real.volume.labelSet(), statsOptions(diffusion));
		VolumeSetComparison c = VolumeSetComparison.of(real.stats, gs);
		return new Evaluation(gen, gs, c, FidelityTables.rows(c, values));
	}

	/** Mean |Δ/sd| of the scalar statistics, mean S₂ RMSE, and the targets. */
	static String summary(List<FidelityTables.Row> rows) {
		return String.format(Locale.ROOT, "mean |Δ/sd| %.2f, mean S2 RMSE %.4f; %s", meanAbsZ(rows), meanRmse(rows),
			FidelityTables.targets(rows));
	}

	static double meanAbsZ(List<FidelityTables.Row> rows) {
		return rows.stream().filter(r -> !r.metric.equals(FidelityTables.S2) && Double.isFinite(r.z)).mapToDouble(
			r -> Math.abs(r.z)).average().orElse(Double.NaN);
	}

	static double meanRmse(List<FidelityTables.Row> rows) {
		return rows.stream().filter(r -> r.metric.equals(FidelityTables.S2)).mapToDouble(r -> r.rmse).average().orElse(
			Double.NaN);
	}

	private static String curveLine(List<String> curve, TrainingProgress p, double trainMs,
		List<FidelityTables.Row> rows)
	{
		if (curve.isEmpty()) curve.add("iteration,train_s,wasserstein,mean_abs_z,mean_s2_rmse," + rows.stream().map(
			r -> "\"" + r.key() + (r.metric.equals(FidelityTables.S2) ? "\"" : " (generated mean)\"")).collect(
				Collectors
					.joining(",")));
		return String.format(Locale.ROOT, "%d,%.1f,%.5g,%.4g,%.4g,", p.iteration, trainMs / 1000, p.wasserstein(),
			meanAbsZ(rows), meanRmse(rows)) + rows.stream().map(r -> String.format(Locale.ROOT, "%.6g", r.metric.equals(
				FidelityTables.S2) ? r.rmse : r.generatedMean)).collect(Collectors.joining(","));
	}

	static void summarize(List<Path> folders) throws IOException {
		Map<String, List<FidelityTables.Row>> runs = FidelityTables.readAll(folders);
		Map<String, Map<String, List<FidelityTables.Row>>> byVolume = new LinkedHashMap<>();
		for (Map.Entry<String, List<FidelityTables.Row>> e : runs.entrySet()) {
			Path p = Paths.get(e.getKey());
			if (p.getNameCount() < 2) continue;
			byVolume.computeIfAbsent(p.getName(0).toString(), k -> new LinkedHashMap<>()).put(p.subpath(1, p
				.getNameCount())
				.toString(), e.getValue());
		}
		for (Map.Entry<String, Map<String, List<FidelityTables.Row>>> e : byVolume.entrySet()) {
			System.out.println(FidelityTables.winsTable("## Wins on " + e.getKey(), e.getValue()));
			for (Map.Entry<String, List<FidelityTables.Row>> r : e.getValue().entrySet())
				System.out.println(r.getKey() + ": " + summary(r.getValue()));
			System.out.println();
		}
		if (byVolume.size() > 1) System.out.println(totalWins(byVolume));
	}

	/** The wins of each run name summed over the volumes. */
	static String totalWins(Map<String, Map<String, List<FidelityTables.Row>>> byVolume) {
		Map<String, double[]> total = new LinkedHashMap<>();
		for (Map<String, List<FidelityTables.Row>> runs : byVolume.values())
			for (Map.Entry<String, double[]> w : FidelityTables.wins(runs).entrySet()) {
				double[] t = total.computeIfAbsent(w.getKey(), k -> new double[2]);
				t[0] += w.getValue()[0];
				t[1] += w.getValue()[1] / byVolume.size();
			}
		StringBuilder b = new StringBuilder("## Wins over " + byVolume.keySet() + "\n");
		b.append(String.format(Locale.ROOT, "%-40s %8s %14s%n", "run", "wins", "mean |Δ/sd|"));
		total.entrySet().stream().sorted((a, c) -> Double.compare(c.getValue()[0], a.getValue()[0])).forEach(e -> b
			.append(String.format(Locale.ROOT, "%-40s %8.1f %14.2f%n", e.getKey(), e.getValue()[0], e.getValue()[1])));
		return b.toString();
	}

	/** An 8-bit stack of the labels' grey values. */
	static void saveTiff(LabelVolume v, int[] values, Path file) throws IOException {
		new TiffStack(v.width, v.height, RealVolume.greyPlanes(v, values)).write(file);
	}

	private static String cpuName() {
		try {
			for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo")))
				if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
		}
		catch (IOException e) {
			// not Linux
		}
		return "unknown CPU";
	}

	/** The machine's 1-minute load and this process's CPU time, at one moment. */
	static final class Load {
		final double load1;
		final long cpuNanos, wallNanos;

		Load() {
			load1 = average();
			com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
				.getOperatingSystemMXBean();
			cpuNanos = os.getProcessCpuTime();
			wallNanos = System.nanoTime();
		}

		/** Cores this process used on average since {@code before}. */
		double cpuShare(Load before) {
			return (cpuNanos - before.cpuNanos) / (double) Math.max(1, wallNanos - before.wallNanos);
		}

		static double average() {
			try {
				return Double.parseDouble(new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).split(" ")[0]);
			}
			catch (IOException | RuntimeException e) {
				return Double.NaN;
			}
		}
	}
}

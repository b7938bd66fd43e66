package sc.fiji.slicegan.fiji;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.ij.TrainingImages;
import sc.fiji.slicegan.ij.VolumeStacks;
import sc.fiji.slicegan.io.ModelState;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingListener;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * One training run from ImageJ images: trains, saves the model, and returns a calibrated volume. Views hear the
 * progress; {@link #stop} (any thread) ends the run cleanly after the current step.
 */
public final class TrainingJob {

	/** What a run leaves: the model (saved), whether it was stopped early, and a generated volume. */
	public static final class Outcome {
		public final ModelState model;
		public final Path modelFile;
		public final boolean stopped;
		public final ImagePlus volume;

		Outcome(ModelState model, Path modelFile, boolean stopped, ImagePlus volume) {
			this.model = model;
			this.modelFile = modelFile;
			this.stopped = stopped;
			this.volume = volume;
		}
	}

	/** Seconds between two previews of the generator's slices (each is a generator pass). */
	private static final long PREVIEW_EVERY_MS = 3000;
	/** A fixed noise for the previews, so that changes come from training alone. */
	private static final long PREVIEW_SEED = 12345;

	private final TrainRequest request;
	private final List<TrainingView> views = new ArrayList<>();
	private volatile Trainer trainer;
	private volatile boolean stopRequested;

	public TrainingJob(TrainRequest request) {
		this.request = request;
	}

	TrainingJob view(TrainingView v) {
		views.add(v);
		return this;
	}

	/** Asks the run to end after its current step; the model is saved and a volume returned as usual. */
	public void stop() {
		stopRequested = true;
		Trainer t = trainer;
		if (t != null) t.requestCancel();
	}

	public Outcome run() {
		TrainRequest r = request;
		r.check();
		ImageKind kind = r.dataType == null || r.dataType.equalsIgnoreCase("auto") ? null : ImageKind.parse(r.dataType);
		SourceImage z = TrainingImages.toSource(r.image);
		SourceImage y = r.imageY != null ? TrainingImages.toSource(r.imageY) : null;
		SourceImage x = r.imageX != null ? TrainingImages.toSource(r.imageX) : null;
		if (y == null) y = x;
		if (x == null) x = y;
		Calibration cal = r.image.getCalibration();
		String source = r.image.getTitle() + (r.imageY != null ? ", " + r.imageY.getTitle() : "") + (r.imageX != null
			? ", " + r.imageX.getTitle() : "");
		try (Backend backend = Backends.open(r.backend, Precision.FLOAT)) {
			int edge = NetSpec.preset(r.network, 1, Head.SOFTMAX).trainingEdge();
			TrainingData data = y == null ? TrainingData.isotropic(z, kind, edge) : TrainingData.anisotropic(z, y, x,
				kind, edge);
			Head head = data.kind == ImageKind.N_PHASE ? Head.SOFTMAX : Head.TANH;
			try (Trainer t = new Trainer(backend, data, NetSpec.preset(r.network, data.channels, head), r.config)
				.describeSource(source, cal.pixelWidth, cal.getUnit()))
			{
				trainer = t;
				if (stopRequested) t.requestCancel();
				for (TrainingView v : views)
					v.started("SliceGAN training: " + source, this::stop);
				Trainer.Result result = t.train(new Relay(t, backend), r.modelFile);
				ImagePlus volume;
				ImageProcessor[] planes;
				try (VolumeGenerator g = new VolumeGenerator(backend, result.model)) {
					GeneratedVolume v = g.generateEdge(r.volumeEdge, r.config.seed);
					volume = VolumeStacks.toImagePlus(v, stem(r.image.getTitle()) + "-slicegan", result.model, r.modelFile
						.toString());
					planes = MidPlanes.of(v, result.model.phaseValues);
				}
				String summary = String.format(Locale.ROOT, "iteration %d%s; model saved to %s", result.model.iteration,
					result.cancelled ? " (stopped early)" : "", r.modelFile);
				for (TrainingView v : views) {
					// the returned volume's slices, also when Stop came between two previews
					if (v.wantsPreview()) v.preview(result.model.iteration, planes);
					v.finished(summary);
				}
				return new Outcome(result.model, r.modelFile, result.cancelled, volume);
			}
			finally {
				trainer = null;
			}
		}
	}

	static String stem(String title) {
		int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}

	/** Passes the trainer's news to every view, and makes the previews some views want. */
	private final class Relay implements TrainingListener {

		private final Trainer trainer;
		private final Backend backend;
		private long lastPreview;

		Relay(Trainer trainer, Backend backend) {
			this.trainer = trainer;
			this.backend = backend;
		}

		@Override
		public void iterationDone(TrainingProgress p) {
			for (TrainingView v : views)
				v.iterationDone(p);
			long now = System.currentTimeMillis();
			boolean due = p.iteration == 1 || p.iteration == p.totalIterations || now - lastPreview >= PREVIEW_EVERY_MS;
			if (due && views.stream().anyMatch(TrainingView::wantsPreview)) {
				// on the training thread: the backend is not shared across threads
				ModelState m = trainer.snapshot();
				ImageProcessor[] planes;
				try (VolumeGenerator g = new VolumeGenerator(backend, m)) {
					planes = MidPlanes.of(g.generate(m.spec.latentSize, PREVIEW_SEED), m.phaseValues);
				}
				for (TrainingView v : views)
					if (v.wantsPreview()) v.preview(p.iteration, planes);
				lastPreview = System.currentTimeMillis();
			}
		}

		@Override
		public void checkpointSaved(Path model, long iteration) {
			for (TrainingView v : views)
				v.checkpointSaved(model, iteration);
		}

		@Override
		public void message(String text) {
			for (TrainingView v : views)
				v.message(text);
		}
	}
}

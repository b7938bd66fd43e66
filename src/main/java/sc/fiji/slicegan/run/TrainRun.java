package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Memory;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.io.AtomicFiles;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.io.ModelLock;
import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.progress.ForwardingProgress;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingDiverged;
import sc.fiji.slicegan.train.TrainingListener;
import sc.fiji.slicegan.train.TrainingMemory;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * Training, assembled once for the command line and Fiji: the images and options in; the model saved (with
 * checkpoints while it trains), and in Fiji a volume generated at the end. Before any work: the model file is
 * checked (not an input, replaced only when allowed, in a writable folder) and locked against a second run, and
 * the memory the tensors need is compared with what the backend has. A resumed run keeps the model's own settings
 * and says so when the options ask for others. A save that fails is retried; the last resort is a file in the
 * home folder, so a run never ends without its trained state on disk.
 */
public final class TrainRun {

	/** What a run leaves. */
	public static final class Outcome {
		public final ModelState model;
		/** Where the model was saved (the model file, or where it was rescued to when that could not be written). */
		public final Path modelFile;
		/** True when the user stopped it (the model is saved all the same). */
		public final boolean cancelled;
		/** The volume made at the end (Fiji's volume_edge), else null. */
		public final GeneratedVolume volume;

		Outcome(ModelState model, Path modelFile, boolean cancelled, GeneratedVolume volume) {
			this.model = model;
			this.modelFile = modelFile;
			this.cancelled = cancelled;
			this.volume = volume;
		}
	}

	/** Milliseconds between two previews for the views that want them (each is a generator pass). */
	static final long PREVIEW_EVERY_MS = 3000;
	/** A fixed noise for the previews, so that changes come from training alone. */
	static final long PREVIEW_SEED = 12345;
	/** Waits before the attempts after a failed save. */
	private static final long[] RETRY_MS = { 500, 2000 };

	private TrainRun() {}

	public static Outcome run(Sections images, OptionValues v, TrainingView view) {
		Path modelFile = v.path(TrainOptions.MODEL_FILE);
		Path resumeFile = v.path(TrainOptions.RESUME);
		String type = v.text(TrainOptions.DATA_TYPE);
		ImageKind kind = type.equals("auto") ? null : ImageKind.parse(type);
		Outputs outputs = new Outputs(v, view);
		for (InputImage im : new InputImage[] { images.z, images.y, images.x })
			if (im != null) {
				outputs.input(im.file, "training image");
				if (im.lossy && kind == null) throw new BadInputException("'" + im.name() + "' was saved as a JPEG, " +
					"whose compression blurs the phases of a segmented image into many grey values. Save the segmented " +
					"image as TIFF or PNG, or choose data type grayscale to train on its grey values as they are.");
			}
		// resuming into the model's own file continues it in place
		boolean inPlace = resumeFile != null && Outputs.same(modelFile, resumeFile);
		if (inPlace) Outputs.writable(modelFile.toAbsolutePath().getParent());
		else outputs.input(resumeFile, "model to resume").file(modelFile, TrainOptions.MODEL_FILE);
		{
			ModelState resume = resumeFile == null ? null : ModelFile.load(resumeFile);
			if (resume != null && !resume.resumable()) throw new BadInputException(resumeFile + " holds a generator " +
				"imported from " + resume.importedFrom +
				": it has no critic, optimiser state or training settings, so " +
				"training cannot resume it. Generate volumes from it, or train a new model.");
			TrainingConfig config = resume == null ? TrainOptions.config(v) : resumed(resume, v);
			String network = v.text(TrainOptions.NETWORK);
			try (Backend backend = Backends.open(v.text(TrainOptions.BACKEND), Precision.FLOAT, view::log)) {
				int edge = (resume != null ? resume.spec : NetSpec.preset(network, 1, Head.SOFTMAX)).trainingEdge();
				TrainingData data = images.isotropic() ? TrainingData.isotropic(images.z.image, kind, edge)
					: TrainingData
						.anisotropic(images.z.image, images.y.image, images.x.image, kind, edge);
				Head head = data.kind == ImageKind.N_PHASE ? Head.SOFTMAX : Head.TANH;
				if (resume != null && v.given(TrainOptions.NETWORK) && !network.equals(presetOf(resume.spec)))
					throw new BadInputException("A resumed run continues with its own network (" + describe(
						resume.spec) +
						"), but " + v.name(TrainOptions.NETWORK) + " " + network + " asks for another. " + (presetOf(
							resume.spec) != null ? "Choose " + presetOf(resume.spec) + " to resume"
								: "Leave it out to resume") +
						", or train a new model.");
				NetSpec spec = resume != null ? resume.spec : NetSpec.preset(network, data.channels, head);
				Resources.checkTraining(spec, config, data, backend, v);
				try (ModelLock lock = ModelLock.acquire(modelFile, "training on " + images.names()); Trainer trainer =
					resume != null ? Trainer.resume(backend, data, resume, config.iterations) : new Trainer(backend,
						data,
						spec, config).describeSource(images.names(), images.z.pixelSize, images.z.unit))
				{
					removeStaleSaves(modelFile, view);
					view.started("SliceGAN training: " + images.names());
					Relay relay = new Relay(view, trainer, backend, modelFile, config.checkpointEvery);
					if (data.kind == ImageKind.N_PHASE && v.integer(TrainOptions.FIDELITY_EVERY) > 0) relay.measure(
						LiveFidelity.of(images, data.phases.values()), v.integer(TrainOptions.FIDELITY_EVERY), v.flag(
							TrainOptions.STOP_WHEN_CONVERGED) ? new Convergence(60 * v.number(TrainOptions.PATIENCE))
								: null);
					Trainer.Result r;
					try {
						r = trainer.train(relay);
					}
					catch (TrainingDiverged e) {
						throw new BadInputException(e.getMessage() + " " + (relay.lastSaved > 0
							? "The model file keeps " +
								"iteration " + relay.lastSaved + "." : "Nothing was saved."), e);
					}
					catch (RuntimeException | Error e) {
						// whatever broke, the state trained so far goes to disk before the error is reported
						rescue(trainer, modelFile, view);
						throw e;
					}
					Path saved = save(r.model, modelFile, view, true);
					GeneratedVolume volume = null;
					if (v.offers(TrainOptions.VOLUME_EDGE)) try (VolumeGenerator g = new VolumeGenerator(backend,
						r.model))
					{
						volume = g.generateEdge(v.integer(TrainOptions.VOLUME_EDGE), r.model.config.seed);
					}
					// the result's slices, also when Stop came between two previews
					if (volume != null && view.wantsPreview()) view.preview(r.model.iteration, volume, r.model);
					view.finished(String.format(Locale.ROOT, "iteration %d%s; model saved to %s", r.model.iteration,
						r.cancelled ? " (stopped early)" : "", saved));
					return new Outcome(r.model, saved, r.cancelled, volume);
				}
			}
		}
	}

	/** The temporary files of saves a killed run left beside the model. */
	private static void removeStaleSaves(Path modelFile, TrainingView view) {
		try {
			List<Path> stale = AtomicFiles.removeStale(modelFile);
			if (!stale.isEmpty()) view.log("Removed " + stale.size() + " unfinished save(s) of " + modelFile
				.getFileName() +
				" left by an interrupted run.");
		}
		catch (IOException e) {
			view.log("Could not look for unfinished saves beside " + modelFile + ": " + e.getMessage());
		}
	}

	/** A resumed model's settings, for the given iterations more; options that would change them are refused. */
	private static TrainingConfig resumed(ModelState model, OptionValues v) {
		List<String> differ = new ArrayList<>();
		TrainingConfig c = TrainOptions.resumed(model.config, v, differ);
		String type = v.text(TrainOptions.DATA_TYPE);
		if (v.given(TrainOptions.DATA_TYPE) && !type.equals("auto") && ImageKind.parse(type) != model.kind) differ.add(v
			.name(TrainOptions.DATA_TYPE) + " " + type + " (the model has " + model.kind.label() + ")");
		if (!differ.isEmpty()) throw new BadInputException("A resumed run continues with the model's own settings, " +
			"but " + String.join(", ", differ) + " would change them. Leave them out to resume, or train a new model.");
		return c;
	}

	/** The network choice that makes this network, or null. */
	private static String presetOf(NetSpec spec) {
		for (String name : TrainOptions.NETWORK.choices)
			if (NetSpec.preset(name, spec.channels, spec.head).toString().equals(spec.toString())) return name;
		return null;
	}

	private static String describe(NetSpec spec) {
		String preset = presetOf(spec);
		return preset != null ? preset : spec.toString();
	}

	/**
	 * Saves the model, trying again after a failure. A checkpoint that still fails is skipped (the state stays in
	 * memory for the next one); the final save then goes to a rescue file in the home folder.
	 *
	 * @return where it was saved, or null for a skipped checkpoint
	 */
	static Path save(ModelState model, Path file, TrainingView view, boolean last) {
		IOException failure = null;
		for (int attempt = 0; attempt <= RETRY_MS.length; attempt++) {
			try {
				ModelFile.save(model, file);
				view.checkpointSaved(file, model.iteration);
				return file;
			}
			catch (IOException e) {
				failure = e;
				if (attempt < RETRY_MS.length) sleep(RETRY_MS[attempt]);
			}
		}
		String why = failure.getMessage();
		if (!last) {
			view.log("Could not save the checkpoint at iteration " + model.iteration + " to " + file + " (" + why +
				"); training goes on, and the next save tries again.");
			return null;
		}
		Path rescue = rescueFile(file);
		try {
			ModelFile.save(model, rescue);
		}
		catch (IOException e) {
			throw new BadInputException("Could not save the model to " + file + " (" + why + "), nor to " + rescue +
				" (" +
				e.getMessage() + "). Free some disk space and train again.");
		}
		view.log("Could not save the model to " + file + " (" + why + "): it is saved in " + rescue + " instead.");
		view.checkpointSaved(rescue, model.iteration);
		return rescue;
	}

	/** After a failure: the trained state to disk if it is sound, wherever that works. */
	private static void rescue(Trainer trainer, Path file, TrainingView view) {
		try {
			ModelState m = trainer.snapshot();
			for (float[] t : m.tensors.values())
				for (float x : t)
					if (!Float.isFinite(x)) return;
			save(m, file, view, true);
		}
		catch (RuntimeException | Error e) {
			// the first failure is the one to report
		}
	}

	/** {@code ~/SliceGAN-rescued/NAME-TIME.zip}. */
	static Path rescueFile(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		return Paths.get(System.getProperty("user.home"), "SliceGAN-rescued", stem + "-" + LocalDateTime.now().format(
			DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".zip");
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** Passes the trainer's news to the view, and makes the checkpoints and the previews the view wants. */
	private static final class Relay extends ForwardingProgress implements TrainingListener {

		private final TrainingView view;
		private final Trainer trainer;
		private final Backend backend;
		private final Path modelFile;
		private final int checkpointEvery;
		private long lastPreview, lastMeasurement;
		/** The iteration of the last checkpoint on disk (0: none). */
		long lastSaved;
		private LiveFidelity fidelity;
		private int measureEverySeconds;
		private Convergence convergence;
		private volatile boolean converged;

		Relay(TrainingView view, Trainer trainer, Backend backend, Path modelFile, int checkpointEvery) {
			super(view);
			this.view = view;
			this.trainer = trainer;
			this.backend = backend;
			this.modelFile = modelFile;
			this.checkpointEvery = checkpointEvery;
		}

		/** Measures the structure every so many seconds of training, and stops when it converged (if asked). */
		void measure(LiveFidelity f, int everySeconds, Convergence stop) {
			fidelity = f;
			measureEverySeconds = everySeconds;
			convergence = stop;
		}

		@Override
		public boolean isCancelled() {
			return converged || view.isCancelled();
		}

		@Override
		public void iterationDone(TrainingProgress p) {
			view.iterationDone(p);
			if (fidelity != null && (p.elapsedMillis - lastMeasurement >= 1000L * measureEverySeconds || p.iteration ==
				p.totalIterations))
			{
				lastMeasurement = p.elapsedMillis;
				ModelState m = trainer.snapshot();
				FidelityPoint point = fidelity.measure(backend, m, p.iteration, p.elapsedMillis / 1000.0);
				m.fidelity.add(point);
				view.fidelity(point);
				if (convergence != null && convergence.converged(point) && p.iteration < p.totalIterations) {
					converged = true;
					view.log("Stopping at iteration " + p.iteration +
						": the structure's statistics have not improved for " +
						"the patience set (" + convergence + ").");
				}
			}
			if (checkpointEvery > 0 && p.iteration % checkpointEvery == 0 && p.iteration < p.totalIterations &&
				!view.isCancelled() && save(trainer.snapshot(), modelFile, view, false) != null) lastSaved =
					p.iteration;
			long now = System.currentTimeMillis();
			if (view.wantsPreview() && (p.iteration == 1 || now - lastPreview >= PREVIEW_EVERY_MS)) {
				// on the training thread: a backend is not shared across threads
				ModelState m = trainer.snapshot();
				try (VolumeGenerator g = new VolumeGenerator(backend, m)) {
					view.preview(p.iteration, g.generate(m.spec.latentSize, PREVIEW_SEED), m);
				}
				lastPreview = System.currentTimeMillis();
			}
		}
	}
}

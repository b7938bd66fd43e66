package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.progress.ForwardingProgress;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingListener;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * Training, assembled once for the command line and Fiji: the images and options in; the model saved (with
 * checkpoints while it trains), and in Fiji a volume generated at the end. A resumed run keeps the model's own
 * settings and says so when the options ask for others.
 */
public final class TrainRun {

	/** What a run leaves. */
	public static final class Outcome {
		public final ModelState model;
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

	private TrainRun() {}

	public static Outcome run(Sections images, OptionValues v, TrainingView view) {
		Path modelFile = v.path(TrainOptions.MODEL_FILE);
		Path resumeFile = v.path(TrainOptions.RESUME);
		ModelState resume = resumeFile == null ? null : ModelFile.load(resumeFile);
		TrainingConfig config = resume == null ? TrainOptions.config(v) : resumed(resume, v);
		String type = v.text(TrainOptions.DATA_TYPE);
		ImageKind kind = type.equals("auto") ? null : ImageKind.parse(type);
		String network = v.text(TrainOptions.NETWORK);
		try (Backend backend = Backends.open(v.text(TrainOptions.BACKEND), Precision.FLOAT, view::log)) {
			int edge = (resume != null ? resume.spec : NetSpec.preset(network, 1, Head.SOFTMAX)).trainingEdge();
			TrainingData data = images.isotropic() ? TrainingData.isotropic(images.z.image, kind, edge) : TrainingData
				.anisotropic(images.z.image, images.y.image, images.x.image, kind, edge);
			Head head = data.kind == ImageKind.N_PHASE ? Head.SOFTMAX : Head.TANH;
			if (resume != null && v.given(TrainOptions.NETWORK) && !network.equals(presetOf(resume.spec)))
				throw new BadInputException("A resumed run continues with its own network (" + describe(resume.spec) +
					"), but " + v.name(TrainOptions.NETWORK) + " " + network + " asks for another. " + (presetOf(
						resume.spec) != null ? "Choose " + presetOf(resume.spec) + " to resume" : "Leave it out to resume") +
					", or train a new model.");
			try (Trainer trainer = resume != null ? Trainer.resume(backend, data, resume, config.iterations) : new Trainer(
				backend, data, NetSpec.preset(network, data.channels, head), config).describeSource(images.names(),
					images.z.pixelSize, images.z.unit))
			{
				view.started("SliceGAN training: " + images.names());
				Trainer.Result r = trainer.train(new Relay(view, trainer, backend, modelFile, config.checkpointEvery));
				save(r.model, modelFile, view);
				GeneratedVolume volume = null;
				if (v.offers(TrainOptions.VOLUME_EDGE)) try (VolumeGenerator g = new VolumeGenerator(backend, r.model)) {
					volume = g.generateEdge(v.integer(TrainOptions.VOLUME_EDGE), r.model.config.seed);
				}
				// the result's slices, also when Stop came between two previews
				if (volume != null && view.wantsPreview()) view.preview(r.model.iteration, volume, r.model);
				view.finished(String.format(Locale.ROOT, "iteration %d%s; model saved to %s", r.model.iteration,
					r.cancelled ? " (stopped early)" : "", modelFile));
				return new Outcome(r.model, modelFile, r.cancelled, volume);
			}
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

	static void save(ModelState model, Path file, TrainingView view) {
		try {
			ModelFile.save(model, file);
		}
		catch (IOException e) {
			throw new BadInputException("Could not save the model to " + file + ": " + e.getMessage());
		}
		view.checkpointSaved(file, model.iteration);
	}

	/** Passes the trainer's news to the view, and makes the checkpoints and the previews the view wants. */
	private static final class Relay extends ForwardingProgress implements TrainingListener {

		private final TrainingView view;
		private final Trainer trainer;
		private final Backend backend;
		private final Path modelFile;
		private final int checkpointEvery;
		private long lastPreview;

		Relay(TrainingView view, Trainer trainer, Backend backend, Path modelFile, int checkpointEvery) {
			super(view);
			this.view = view;
			this.trainer = trainer;
			this.backend = backend;
			this.modelFile = modelFile;
			this.checkpointEvery = checkpointEvery;
		}

		@Override
		public void iterationDone(TrainingProgress p) {
			view.iterationDone(p);
			if (checkpointEvery > 0 && p.iteration % checkpointEvery == 0 && p.iteration < p.totalIterations &&
				!view.isCancelled()) save(trainer.snapshot(), modelFile, view);
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

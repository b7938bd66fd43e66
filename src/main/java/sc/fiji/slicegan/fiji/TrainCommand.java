package sc.fiji.slicegan.fiji;

import java.io.File;
import java.util.Arrays;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import sc.fiji.slicegan.backend.Backends;

/**
 * SliceGAN training as a SciJava command (scripts, Fiji's --headless --run, and the macro keys below). Returns the
 * volume generated when training ends; Stop in the progress window (or cancelling the command) ends training
 * cleanly with the model saved.
 */
@Plugin(type = Command.class, menuPath = "Plugins>SliceGAN>SciJava>Train", label = "Train SliceGAN",
	headless = true)
public final class TrainCommand extends DynamicCommand {

	@Parameter
	private LogService log;
	@Parameter
	private StatusService status;
	@Parameter(required = false)
	private UIService ui;

	@Parameter(label = "Training image (plane normal to z; alone, every plane)")
	private ImagePlus image;
	@Parameter(label = "Plane normal to y (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_y;
	@Parameter(label = "Plane normal to x (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_x;
	@Parameter(label = "Data type", choices = { "auto", "n-phase", "grayscale", "colour" })
	private String data_type = "auto";
	@Parameter(label = "Network", choices = { "table1", "small" },
		description = "table1: the paper's networks, 64³ volumes; small: 32³, for quick CPU runs")
	private String network = "table1";
	@Parameter(min = "1")
	private int iterations = 1000;
	@Parameter(label = "Critic batch (m_D)", min = "1")
	private int critic_batch = 8;
	@Parameter(label = "Generator batch (m_G)", min = "1")
	private int generator_batch = 16;
	@Parameter(label = "Critic steps per generator step (n_D)", min = "1")
	private int critic_steps = 5;
	@Parameter(label = "Real crops per axis and critic step (0: one per fake slice)", min = "0")
	private int real_crops = 0;
	@Parameter(label = "Learning rate", stepSize = "0.00001")
	private double learning_rate = 1e-4;
	@Parameter(label = "Backend", description = "auto: a usable GPU if there is one, else the CPU",
		initializer = "offerBackends")
	private String backend = "auto";
	@Parameter
	private long seed = 42;
	@Parameter(label = "Model file (.zip)", style = FileWidget.SAVE_STYLE)
	private File model_file;
	@Parameter(label = "Edge of the volume made at the end", min = "1")
	private int volume_edge = 64;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus volume;

	private volatile TrainingJob job;

	/** The backends this build has (a GPU backend, when present, appears by itself). */
	@SuppressWarnings("unused")
	private void offerBackends() {
		getInfo().getMutableInput("backend", String.class).setChoices(Arrays.asList(Backends.CHOICES));
	}

	@Override
	public void run() {
		CommandErrors.reporting(this, log, ui, () -> {
			TrainRequest r = new TrainRequest();
			r.image = image;
			r.imageY = OpenImages.given(image_y);
			r.imageX = OpenImages.given(image_x);
			r.dataType = data_type;
			r.network = network;
			r.backend = backend;
			r.config.iterations = iterations;
			r.config.criticBatch = critic_batch;
			r.config.generatorBatch = generator_batch;
			r.config.criticSteps = critic_steps;
			r.config.realPerAxis = real_crops;
			r.config.learningRate = learning_rate;
			r.config.seed = seed;
			r.modelFile = model_file == null ? null : model_file.toPath();
			r.volumeEdge = volume_edge;
			TrainingJob j = new TrainingJob(r);
			for (TrainingView v : TrainingViews.of(log::info, (text, done, total) -> status.showStatus((int) done,
				(int) total, text)))
				j.view(v);
			job = j;
			volume = j.run().volume;
		});
	}

	/** Cancelling a running command stops training cleanly (model saved, volume returned). */
	@Override
	public void cancel(String reason) {
		super.cancel(reason);
		TrainingJob j = job;
		if (j != null) j.stop();
	}
}

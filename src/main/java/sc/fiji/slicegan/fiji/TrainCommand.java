package sc.fiji.slicegan.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import sc.fiji.slicegan.run.TrainOptions;

/**
 * SliceGAN training as a SciJava command, for scripts and Fiji's {@code --headless --run} (the menu entry is the IJ1
 * plugin, {@link TrainPlugin}). The parameters are the training options ({@link TrainOptions}), named by their keys.
 * Returns the volume generated when training ends; cancelling the command (or Stop in the progress window) ends
 * training cleanly, with the model saved.
 */
@Plugin(type = Command.class, label = "Train SliceGAN", headless = true, initializer = "offerChoices")
public final class TrainCommand extends OptionsCommand {

	@Parameter(label = "Training image (plane normal to z; alone, every plane)")
	private ImagePlus image;
	@Parameter(label = "Plane normal to y (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_y;
	@Parameter(label = "Plane normal to x (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_x;
	@Parameter(label = "Data type")
	private String data_type = TrainOptions.DATA_TYPE.textDefault();
	@Parameter(label = "Network", description = "table1: the paper's networks, 64³ volumes; small, small-rc, " +
		"small-rc-wide: 32³, quick (small-rc-wide is the CPU preset); rc: the published code's resize-convolution generator, 64³")
	private String network = TrainOptions.NETWORK.textDefault();
	@Parameter(label = "Iterations")
	private int iterations = TrainOptions.ITERATIONS.intDefault();
	@Parameter(label = "Critic batch (m_D)")
	private int critic_batch = TrainOptions.CRITIC_BATCH.intDefault();
	@Parameter(label = "Generator batch (m_G)")
	private int generator_batch = TrainOptions.GENERATOR_BATCH.intDefault();
	@Parameter(label = "Critic steps per generator step (n_D)")
	private int critic_steps = TrainOptions.CRITIC_STEPS.intDefault();
	@Parameter(label = "Real crops per axis and critic step (0: one per fake slice)")
	private int real_crops = TrainOptions.REAL_CROPS.intDefault();
	@Parameter(label = "Learning rate", stepSize = "0.00001")
	private double learning_rate = TrainOptions.LEARNING_RATE.numberDefault();
	@Parameter(label = "Seed")
	private long seed = TrainOptions.SEED.longDefault();
	@Parameter(label = "Backend", description = "auto: a usable GPU if there is one, else the CPU")
	private String backend = TrainOptions.BACKEND.textDefault();
	@Parameter(label = "Model file (.zip)", style = FileWidget.SAVE_STYLE)
	private File model_file;
	@Parameter(label = "Edge of the volume made at the end")
	private int volume_edge = TrainOptions.VOLUME_EDGE.intDefault();
	@Parameter(label = "Schedule", description = "paper: Algorithm 1 as printed; reference: the published code's loop")
	private String schedule = TrainOptions.SCHEDULE.textDefault();
	@Parameter(label = "Initial weights", description = "normal: N(0, 0.02); pytorch: PyTorch's defaults")
	private String init = TrainOptions.INIT.textDefault();
	@Parameter(label = "Gradient-penalty weight λ")
	private double lambda = TrainOptions.LAMBDA.numberDefault();
	@Parameter(label = "Adam β₁")
	private double beta1 = TrainOptions.BETA1.numberDefault();
	@Parameter(label = "Adam β₂")
	private double beta2 = TrainOptions.BETA2.numberDefault();
	@Parameter(label = "Gradient-penalty samples per axis (0: m_D)")
	private int penalty_samples = TrainOptions.PENALTY_SAMPLES.intDefault();
	@Parameter(label = "Save the model every (iterations; 0: at the end)")
	private int checkpoint_every = TrainOptions.CHECKPOINT_EVERY.intDefault();
	// not remembered: a resume left over from an earlier run would silently continue an old model
	@Parameter(label = "Resume this model (empty: a new model)", required = false, persist = false,
		style = FileWidget.OPEN_STYLE)
	private File resume;

	@Parameter(label = "Measure the structure every (seconds of training; 0: never)")
	private int fidelity_every = TrainOptions.FIDELITY_EVERY.intDefault();
	@Parameter(label = "Stop when the structure stops improving")
	private boolean stop_when_converged = false;
	@Parameter(label = "Patience (minutes without improvement)")
	private double patience = TrainOptions.PATIENCE.numberDefault();
	@Parameter(label = "Replace existing output files")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus volume;

	public TrainCommand() {
		super(TrainOptions.ALL);
	}

	@Override
	public void run() {
		reporting(() -> volume = FijiRuns.train(image, OpenImages.given(image_y),
			OpenImages.given(image_x), values(), cancelRequest));
	}

	/** Cancelling a running command stops training cleanly (model saved, volume returned). */
}

package sc.fiji.slicegan.fiji;

import java.nio.file.Paths;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.slicegan.backend.Backends;

/**
 * Plugins &gt; SliceGAN &gt; Train SliceGAN… for ImageJ 1.x and its macro recorder:
 * {@code run("Train SliceGAN...", "image=blobs.tif network=small iterations=500 model_file=/data/blobs.zip")}.
 */
public final class TrainPlugin implements PlugIn {

	public static final String COMMAND = "Train SliceGAN...";

	@Override
	public void run(String arg) {
		Messages.reporting(this::train);
	}

	private void train() {
		String[] titles = OpenImages.titles("the segmented 2D image to train on");
		String current = OpenImages.currentTitle(titles);
		Form f = Form.create("Train SliceGAN");
		f.choice("Image (plane normal to z; alone, every plane)", titles, current);
		f.choice("Image_y (plane normal to y; anisotropic only)", OpenImages.withNone(titles), OpenImages.NONE);
		f.choice("Image_x (plane normal to x; anisotropic only)", OpenImages.withNone(titles), OpenImages.NONE);
		f.choice("Data_type", TrainRequest.DATA_TYPES, "auto");
		f.choice("Network (table1: the paper's, 64³ volumes; small: 32³, quick)", TrainRequest.NETWORKS, "table1");
		TrainRequest defaults = new TrainRequest();
		f.number("Iterations", defaults.config.iterations, 0);
		f.number("Critic_batch (m_D, volumes per critic step)", defaults.config.criticBatch, 0);
		f.number("Generator_batch (m_G, volumes per generator step)", defaults.config.generatorBatch, 0);
		f.number("Critic_steps (n_D, per generator step)", defaults.config.criticSteps, 0);
		f.number("Real_crops (per axis and critic step; 0: one per fake slice)", 0, 0);
		f.number("Learning_rate", defaults.config.learningRate, 6);
		f.choice("Backend", Backends.CHOICES, "auto");
		f.number("Seed", defaults.config.seed, 0);
		f.file("Model_file", OpenImages.besideImage(OpenImages.byTitle(current), "-slicegan.zip"));
		f.number("Volume_edge (of the stack made at the end)", defaults.volumeEdge, 0);
		if (!f.show()) return;
		TrainRequest r = new TrainRequest();
		r.image = OpenImages.byTitle(f.nextChoice());
		r.imageY = OpenImages.byTitle(f.nextChoice());
		r.imageX = OpenImages.byTitle(f.nextChoice());
		r.dataType = f.nextChoice();
		r.network = f.nextChoice();
		r.config.iterations = f.nextInt();
		r.config.criticBatch = f.nextInt();
		r.config.generatorBatch = f.nextInt();
		r.config.criticSteps = f.nextInt();
		r.config.realPerAxis = f.nextInt();
		r.config.learningRate = f.nextNumber();
		r.backend = f.nextChoice();
		r.config.seed = (long) f.nextNumber();
		String model = f.nextString().trim();
		r.modelFile = model.isEmpty() ? null : Paths.get(model);
		r.volumeEdge = f.nextInt();
		TrainingJob job = new TrainingJob(r);
		for (TrainingView v : TrainingViews.imageJ())
			job.view(v);
		ImagePlus volume = job.run().volume;
		volume.show();
	}
}

package sc.fiji.slicegan.fiji;

import java.nio.file.Paths;

import ij.IJ;
import sc.fiji.slicegan.generate.PeriodicAxes;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.slicegan.backend.Backends;

/**
 * Plugins &gt; SliceGAN &gt; Generate SliceGAN Volumes… for ImageJ 1.x and its macro recorder:
 * {@code run("Generate SliceGAN Volumes...", "model_file=/data/blobs.zip edge=128 seed=1 count=2")}.
 */
public final class GeneratePlugin implements PlugIn {

	public static final String COMMAND = "Generate SliceGAN Volumes...";
	private static String lastModel = "";

	@Override
	public void run(String arg) {
		Messages.reporting(this::generate);
	}

	private void generate() {
		GenerateRequest defaults = new GenerateRequest();
		Form f = Form.create("Generate SliceGAN Volumes");
		f.file("Model_file", lastModel);
		f.number("Edge (voxels)", defaults.edge, 0);
		f.number("Latent_size (0: from the edge; else the edge is 32·size − 64 for table1)", 0, 0);
		f.choice("Periodic axes", PeriodicAxes.CHOICES, defaults.periodic);
		f.number("Seed", defaults.seed, 0);
		f.number("Count (volumes, seeds seed, seed+1, …)", defaults.count, 0);
		f.choice("Backend", Backends.CHOICES, "auto");
		if (!f.show()) return;
		GenerateRequest r = new GenerateRequest();
		String model = f.nextString().trim();
		r.modelFile = model.isEmpty() ? null : Paths.get(model);
		r.edge = f.nextInt();
		r.latentSize = f.nextInt();
		r.periodic = f.nextChoice();
		r.seed = (long) f.nextNumber();
		r.count = f.nextInt();
		r.backend = f.nextChoice();
		lastModel = model;
		for (ImagePlus imp : GenerateJob.run(r, IJ::showStatus))
			imp.show();
		IJ.showStatus("");
	}
}

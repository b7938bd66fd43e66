package sc.fiji.slicegan.ij;

import java.util.Locale;

import ij.ImagePlus;
import sc.fiji.slicegan.model.ModelState;

/**
 * Where a generated stack came from: the model, its training images and iteration, and the seed. Written as the
 * image's Info text (shown by Image > Show Info, saved in TIFFs) and as named properties scripts can read.
 */
public final class VolumeProvenance {

	public static final String MODEL = "SliceGAN.model", SOURCE = "SliceGAN.source",
		ITERATION = "SliceGAN.iteration", SEED = "SliceGAN.seed";

	public final String modelPath, source;
	public final long iteration, seed;
	public final double pixelSize;
	public final String unit;
	/** The phases' values (n-phase models), else null. */
	public final int[] phaseValues;

	public VolumeProvenance(ModelState model, String modelPath, long seed) {
		this.modelPath = modelPath == null ? "" : modelPath;
		this.source = model.source;
		this.iteration = model.iteration;
		this.seed = seed;
		this.pixelSize = model.pixelSize;
		this.unit = model.unit;
		this.phaseValues = model.phaseValues;
	}

	public String info() {
		return "SliceGAN volume\nmodel: " + modelPath + "\ntrained on: " + source + "\niteration: " + iteration +
			"\nseed: " + seed + "\nvoxel size: " + pixelSize + " " + unit + "\n" + (phaseValues != null
				? "phase values: " +
					java.util.Arrays.toString(phaseValues) + "\n" : "");
	}

	public void applyTo(ImagePlus imp) {
		imp.setProperty("Info", info());
		imp.setProp(MODEL, modelPath);
		imp.setProp(SOURCE, source);
		imp.setProp(ITERATION, String.format(Locale.ROOT, "%d", iteration));
		imp.setProp(SEED, String.format(Locale.ROOT, "%d", seed));
	}
}

package sc.fiji.slicegan.fiji;

import java.nio.file.Path;

import ij.ImagePlus;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.train.TrainingConfig;

/** What a user asks a training run for, whichever way they asked (dialog, macro, SciJava, script). */
public final class TrainRequest {

	public static final String[] DATA_TYPES = { "auto", "n-phase", "grayscale", "colour" };
	public static final String[] NETWORKS = { "table1", "small" };

	/** The plane normal to z; alone, every plane (isotropic). */
	public ImagePlus image;
	/** Planes normal to y and x (anisotropic); either may be null, and then the other serves both. */
	public ImagePlus imageY, imageX;
	public String dataType = "auto";
	public String network = "table1";
	public String backend = "auto";
	public final TrainingConfig config = new TrainingConfig();
	public Path modelFile;
	/** Edge of the volume generated when training ends. */
	public int volumeEdge = 64;

	/** Checks what the core cannot see: that images are there and that an anisotropic set is consistent. */
	void check() {
		if (image == null) throw new BadInputException("No image is open: open (or select) a segmented 2D image " +
			"to train on.");
		if (modelFile == null || modelFile.toString().trim().isEmpty()) throw new BadInputException(
			"Choose where to save the model (a .zip file).");
		if (volumeEdge < 1) throw new BadInputException("The volume edge must be at least 1 voxel.");
		for (ImagePlus side : new ImagePlus[] { imageY, imageX })
			if (side != null && (side.getWidth() != image.getWidth() || side.getHeight() != image.getHeight()))
				throw new BadInputException("The anisotropic training images must have the same size: '" + image
					.getTitle() + "' is " + size(image) + ", '" + side.getTitle() + "' is " + size(side) + ". Crop them " +
					"to one size.");
		config.validate();
	}

	boolean anisotropic() {
		return imageY != null || imageX != null;
	}

	private static String size(ImagePlus imp) {
		return imp.getWidth() + "×" + imp.getHeight();
	}
}

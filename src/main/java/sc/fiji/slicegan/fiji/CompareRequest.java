package sc.fiji.slicegan.fiji;

import java.nio.file.Path;

import ij.ImagePlus;
import sc.fiji.slicegan.BadInputException;

/** A comparison of real section(s) with volumes generated from a model. */
public final class CompareRequest {

	/** The real section; alone it stands for every orientation (isotropic). */
	public ImagePlus image;
	/** Sections normal to y and x (anisotropic); either may be null, and then the other serves both. */
	public ImagePlus imageY, imageX;
	public Path modelFile;
	public int count = 3;
	public int edge = 64;
	public long seed = 1;
	public String backend = "auto";
	/** Where to write the CSV tables and PNG plots; null: nowhere (they are shown instead). */
	public Path outputFolder;

	void check() {
		if (image == null) throw new BadInputException("No image is open: open the segmented 2D image the model was " +
			"trained on.");
		if (modelFile == null || modelFile.toString().trim().isEmpty()) throw new BadInputException(
			"Choose a model file (.zip) made by SliceGAN training.");
		if (count < 1) throw new BadInputException("The number of volumes must be at least 1.");
	}
}

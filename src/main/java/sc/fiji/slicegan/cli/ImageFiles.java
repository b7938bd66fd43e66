package sc.fiji.slicegan.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.ij.TrainingImages;

/**
 * Reading training images and writing generated stacks with ImageJ's own readers and TIFF writer (the
 * conversions themselves are in {@code sc.fiji.slicegan.ij}, shared with the Fiji commands).
 */
final class ImageFiles {

	private ImageFiles() {}

	/** An opened image with its calibration. */
	static final class Opened {
		final SourceImage image;
		final double pixelSize;
		final String unit;

		Opened(SourceImage image, double pixelSize, String unit) {
			this.image = image;
			this.pixelSize = pixelSize;
			this.unit = unit;
		}
	}

	static Opened read(Path path) {
		if (!Files.isRegularFile(path)) throw new BadInputException("Image file " + path + " does not exist.");
		ImagePlus imp = IJ.openImage(path.toString());
		if (imp == null) throw new BadInputException("Could not read " + path + " as an image: use a TIFF or PNG " +
			"file.");
		Calibration cal = imp.getCalibration();
		return new Opened(TrainingImages.toSource(imp), cal.pixelWidth, cal.getUnit());
	}

	static void writeTiff(ImagePlus imp, Path path) {
		try {
			Path dir = path.toAbsolutePath().getParent();
			if (dir != null) Files.createDirectories(dir);
		}
		catch (java.io.IOException e) {
			throw new BadInputException("Cannot create the folder for " + path + ": " + e.getMessage());
		}
		FileSaver saver = new FileSaver(imp);
		boolean ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(path.toString()) : saver.saveAsTiff(path
			.toString());
		if (!ok) throw new BadInputException("Could not write " + path + " (is the folder writable?).");
	}
}

package sc.fiji.slicegan.ij;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.SourceImage;

/** ImageJ images as SliceGAN training images (the one conversion the command line and Fiji share). */
public final class TrainingImages {

	private TrainingImages() {}

	/** The pixels of a 2D image or Z-stack; 8- and 16-bit grey or RGB. */
	public static SourceImage toSource(ImagePlus imp) {
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) throw new BadInputException("Image '" + imp.getTitle() +
			"' has several channels or time points: SliceGAN trains on one 2D image or one Z-stack.");
		int w = imp.getWidth(), h = imp.getHeight(), d = imp.getStackSize();
		int type = imp.getType();
		if (type == ImagePlus.GRAY32) throw new BadInputException("Image '" + imp.getTitle() + "' is 32-bit: convert " +
			"it to 8-bit (or 16-bit) first (Image > Type).");
		if ((long) w * h * d > Integer.MAX_VALUE - 8) throw new BadInputException("Image '" + imp.getTitle() +
			"' has " +
			"more pixels than SliceGAN reads (2³¹): crop it.");
		int[] values = new int[w * h * d];
		ImageStack stack = imp.getStack();
		// signed 16-bit images are stored as value + 32768, with a calibration that undoes it
		int shift = type == ImagePlus.GRAY16 && imp.getCalibration().isSigned16Bit() ? 32768 : 0;
		for (int z = 0; z < d; z++) {
			ImageProcessor ip = stack.getProcessor(z + 1);
			for (int i = 0; i < w * h; i++)
				values[z * w * h + i] = type == ImagePlus.COLOR_RGB ? ip.get(i) & 0xffffff : ip.get(i) - shift;
		}
		int max = type == ImagePlus.GRAY16 ? 65535 - shift : 255;
		return new SourceImage(imp.getTitle(), w, h, d, values, type == ImagePlus.COLOR_RGB, -shift, max);
	}
}

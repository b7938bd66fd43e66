package sc.fiji.slicegan.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.generate.GeneratedVolume;

/** Reading training images and writing generated stacks with ImageJ's own readers and TIFF writer. */
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
		return new Opened(toSource(imp), cal.pixelWidth, cal.getUnit());
	}

	static SourceImage toSource(ImagePlus imp) {
		if (imp.getNChannels() > 1 || imp.getNFrames() > 1) throw new BadInputException("Image '" + imp.getTitle() +
			"' has several channels or time points: SliceGAN trains on one 2D image or one Z-stack.");
		int w = imp.getWidth(), h = imp.getHeight(), d = imp.getStackSize();
		int type = imp.getType();
		if (type == ImagePlus.GRAY32) throw new BadInputException("Image '" + imp.getTitle() + "' is 32-bit: convert " +
			"it to 8-bit (or 16-bit) first (Image > Type).");
		int[] values = new int[w * h * d];
		ImageStack stack = imp.getStack();
		for (int z = 0; z < d; z++) {
			ImageProcessor ip = stack.getProcessor(z + 1);
			for (int i = 0; i < w * h; i++)
				values[z * w * h + i] = type == ImagePlus.COLOR_RGB ? ip.get(i) & 0xffffff : ip.get(i);
		}
		int max = type == ImagePlus.GRAY16 ? 65535 : 255;
		return new SourceImage(imp.getTitle(), w, h, d, values, type == ImagePlus.COLOR_RGB, max);
	}

	/** A Z-stack whose planes are the volume's own arrays, calibrated with isotropic voxels. */
	static ImagePlus toImagePlus(GeneratedVolume v, String title, double pixelSize, String unit, String info) {
		ImageStack stack = new ImageStack(v.width, v.height);
		for (int z = 0; z < v.depth; z++) {
			ImageProcessor ip;
			if (v.channels == 3) {
				int[] rgb = new int[v.width * v.height];
				byte[] r = v.planes[3 * z], g = v.planes[3 * z + 1], b = v.planes[3 * z + 2];
				for (int i = 0; i < rgb.length; i++)
					rgb[i] = (r[i] & 0xff) << 16 | (g[i] & 0xff) << 8 | (b[i] & 0xff);
				ip = new ColorProcessor(v.width, v.height, rgb);
			}
			else ip = new ByteProcessor(v.width, v.height, v.planes[z]);
			stack.addSlice("z=" + z, ip);
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, v.depth, 1);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = cal.pixelDepth = pixelSize;
		cal.setUnit(unit);
		imp.setProperty("Info", info);
		return imp;
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

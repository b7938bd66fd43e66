package sc.fiji.slicegan.ij;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.model.ModelState;

/** Generated volumes as ImageJ Z-stacks. */
public final class VolumeStacks {

	private VolumeStacks() {}

	/**
	 * A Z-stack (1 channel, depth slices, 1 frame) whose 8-bit planes are the volume's own arrays (colour volumes
	 * become RGB planes, a copy), calibrated with isotropic voxels of the training image's pixel size, with the
	 * label table for n-phase models and the provenance in its properties. Phases whose values do not fit a byte
	 * (16-bit or signed labels) keep their values in a 16-bit stack (signed: ImageJ's signed 16-bit calibration).
	 */
	public static ImagePlus toImagePlus(GeneratedVolume v, String title, ModelState model, String modelPath) {
		ImagePlus imp = v.phaseIndices ? labels16(v, title, model) : toImagePlus(v, title, model.pixelSize, model.unit);
		new VolumeProvenance(model, modelPath, v.seed).applyTo(imp);
		if (v.channels == 1 && model.phaseValues != null && !v.phaseIndices) imp.setLut(LabelLut.forPhases(
			model.phaseValues, false));
		return imp;
	}

	/** A 16-bit stack holding each voxel's phase value (the volume's planes hold phase indices). */
	private static ImagePlus labels16(GeneratedVolume v, String title, ModelState model) {
		int[] values = model.phaseValues;
		boolean signed = values[0] < 0;
		int shift = signed ? 32768 : 0;
		ImageStack stack = new ImageStack(v.width, v.height);
		for (int z = 0; z < v.depth; z++) {
			byte[] in = v.planes[z];
			short[] out = new short[in.length];
			for (int i = 0; i < in.length; i++)
				out[i] = (short) (values[in[i] & 0xff] + shift);
			stack.addSlice("z=" + z, new ShortProcessor(v.width, v.height, out, null));
		}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, v.depth, 1);
		calibrate(imp, model.pixelSize, model.unit);
		if (signed) imp.getCalibration().setSigned16BitCalibration();
		imp.setDisplayRange(values[0] + shift, values[values.length - 1] + shift);
		return imp;
	}

	public static ImagePlus toImagePlus(GeneratedVolume v, String title, double pixelSize, String unit) {
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
		calibrate(imp, pixelSize, unit);
		return imp;
	}

	/** Isotropic voxels of the training image's pixel size. */
	private static void calibrate(ImagePlus imp, double pixelSize, String unit) {
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = cal.pixelDepth = pixelSize > 0 && Double.isFinite(pixelSize) ? pixelSize
			: 1;
		cal.setUnit(unit);
	}
}

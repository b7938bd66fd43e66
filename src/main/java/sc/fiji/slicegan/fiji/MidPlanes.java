package sc.fiji.slicegan.fiji;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.ij.LabelLut;

/** The three mid-plane slices of a volume: normal to z (rows y), to y (rows z) and to x (rows z, columns y). */
final class MidPlanes {

	private MidPlanes() {}

	static ImageProcessor[] of(GeneratedVolume v, int[] phaseValues) {
		int w = v.width, h = v.height, d = v.depth;
		int[][] dims = { { w, h }, { w, d }, { h, d } };
		ImageProcessor[] out = new ImageProcessor[3];
		for (int a = 0; a < 3; a++) {
			int cols = dims[a][0], rows = dims[a][1];
			int[] rgb = new int[cols * rows];
			byte[] grey = new byte[cols * rows];
			for (int r = 0; r < rows; r++)
				for (int c = 0; c < cols; c++) {
					int x = a == 2 ? w / 2 : c, y = a == 0 ? r : a == 1 ? h / 2 : c, z = a == 0 ? d / 2 : r;
					if (v.channels == 3) rgb[c + r * cols] = v.value(x, y, z, 0) << 16 | v.value(x, y, z, 1) << 8 | v
						.value(
							x, y, z, 2);
					else grey[c + r * cols] = (byte) v.value(x, y, z, 0);
				}
			if (v.channels == 3) out[a] = new ColorProcessor(cols, rows, rgb);
			else {
				out[a] = new ByteProcessor(cols, rows, grey);
				if (phaseValues != null) out[a].setLut(LabelLut.forPhases(phaseValues, v.phaseIndices));
			}
		}
		return out;
	}
}

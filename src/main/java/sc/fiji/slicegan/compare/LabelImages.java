package sc.fiji.slicegan.compare;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.metrics.LabelVolume;

/** Training images and generated volumes as label volumes for the comparison. */
public final class LabelImages {

	private LabelImages() {}

	public static LabelVolume labels(SourceImage im) {
		if (im.rgb || im.maxValue > 255) throw new BadInputException("Image " + im + " must be an 8-bit label image " +
			"to compare.");
		byte[][] planes = new byte[im.depth][im.width * im.height];
		for (int z = 0; z < im.depth; z++)
			for (int y = 0; y < im.height; y++)
				for (int x = 0; x < im.width; x++)
					planes[z][x + y * im.width] = (byte) im.value(x, y, z);
		return new LabelVolume(im.width, im.height, planes);
	}

	/** A generated n-phase volume, its planes shared. */
	public static LabelVolume labels(GeneratedVolume v) {
		if (v.channels != 1 || v.phaseIndices) throw new BadInputException("Compare needs an n-phase model whose " +
			"phases are 8-bit values.");
		return new LabelVolume(v.width, v.height, v.planes);
	}
}

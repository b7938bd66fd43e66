package sc.fiji.slicegan.compare;

import java.util.Arrays;
import java.util.TreeSet;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.PhaseTable;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.metrics.LabelVolume;

/**
 * Segmented images and generated volumes as label volumes for the comparison. Labels are bytes; each is the index
 * of a phase in one table of phase values that all images compared share, so 16-bit and signed labels keep their
 * values (the report shows them).
 */
public final class LabelImages {

	private LabelImages() {}

	/** The distinct values of a segmented image, with one clear message when it is not segmented. */
	public static int[] phases(SourceImage im) {
		if (im.rgb) throw new BadInputException("Image " + im + " is an RGB image: compare takes segmented (label) " +
			"images and models.");
		TreeSet<Integer> set = PhaseTable.distinctValues(im, PhaseTable.MAX_PHASES);
		if (set.size() > PhaseTable.MAX_PHASES) throw new BadInputException("Image " + im + " has more than " +
			PhaseTable.MAX_PHASES + " grey values: compare takes segmented (n-phase) images, whose statistics are " +
			"those of phases; grayscale images are not compared.");
		return set.stream().mapToInt(Integer::intValue).toArray();
	}

	/** The pixels of an image as labels into {@code table}. */
	public static LabelVolume labels(SourceImage im, int[] table) {
		byte[][] planes = new byte[im.depth][im.width * im.height];
		for (int z = 0; z < im.depth; z++)
			for (int y = 0; y < im.height; y++)
				for (int x = 0; x < im.width; x++) {
					int label = Arrays.binarySearch(table, im.value(x, y, z));
					if (label < 0) throw new IllegalArgumentException("value " + im.value(x, y, z) +
						" is not in the table");
					planes[z][x + y * im.width] = (byte) label;
				}
		return new LabelVolume(im.width, im.height, planes);
	}

	/** A generated n-phase volume as labels into {@code table}, from the model's phase values (in place). */
	public static LabelVolume labels(GeneratedVolume v, int[] modelPhases, int[] table) {
		if (v.channels != 1) throw new BadInputException("Compare needs an n-phase model (segmented phases), not a " +
			"grayscale or colour one.");
		byte[] map = new byte[256];
		for (int i = 0; i < modelPhases.length; i++) {
			int label = Arrays.binarySearch(table, modelPhases[i]);
			if (label < 0) throw new IllegalArgumentException("phase " + modelPhases[i] + " is not in the table");
			map[v.phaseIndices ? i : modelPhases[i] & 0xff] = (byte) label;
		}
		for (byte[] p : v.planes)
			for (int i = 0; i < p.length; i++)
				p[i] = map[p[i] & 0xff];
		return new LabelVolume(v.width, v.height, v.planes);
	}
}

package sc.fiji.slicegan.data;

import java.util.Arrays;
import java.util.TreeSet;

import sc.fiji.slicegan.BadInputException;

/** The distinct grey values of a segmented image, in increasing order: phase i is the i-th value. */
public final class PhaseTable {

	/** More distinct values than this in an "n-phase" image almost always means it is not segmented. */
	public static final int MAX_PHASES = 10;

	private final int[] values;

	public PhaseTable(int[] values) {
		this.values = values.clone();
	}

	public static TreeSet<Integer> distinctValues(SourceImage image, int stopAfter) {
		TreeSet<Integer> set = new TreeSet<>();
		for (int v : image.values) {
			set.add(v);
			if (set.size() > stopAfter) break;
		}
		return set;
	}

	/**
	 * The few values most of a many-valued image's pixels hold, when they hold at least {@code share} of them: the
	 * phases of a segmented image whose edges a lossy format or a scaling blurred into in-between values. Null when
	 * the image does not look like that.
	 */
	public static int[] blurredPhases(SourceImage image, double share) {
		java.util.HashMap<Integer, Integer> counts = new java.util.HashMap<>();
		for (int v : image.values)
			counts.merge(v, 1, Integer::sum);
		if (counts.size() <= MAX_PHASES) return null;
		java.util.List<java.util.Map.Entry<Integer, Integer>> byCount = new java.util.ArrayList<>(counts.entrySet());
		byCount.sort((a, b) -> b.getValue() - a.getValue());
		long covered = 0;
		for (int k = 0; k < 3 && k < byCount.size(); k++) {
			covered += byCount.get(k).getValue();
			if (k >= 1 && covered >= share * image.values.length) {
				int[] phases = new int[k + 1];
				for (int i = 0; i <= k; i++)
					phases[i] = byCount.get(i).getKey();
				Arrays.sort(phases);
				return phases;
			}
		}
		return null;
	}

	/** The phases of a segmented image, with a clear message when it does not look segmented. */
	public static PhaseTable of(SourceImage image) {
		TreeSet<Integer> set = distinctValues(image, 256);
		if (set.size() < 2) throw new BadInputException("Image " + image + " has a single value (" + set.first() +
			"): there is no structure to learn. Segment it into at least two phases first.");
		if (set.size() > MAX_PHASES) throw new BadInputException("Image " + image + " has " + (set.size() > 256
			? "more than 256" : String.valueOf(set.size())) + " distinct values, too many for an n-phase (segmented) " +
			"image: it looks unsegmented or JPEG-compressed. Segment it (e.g. Image > Adjust > Threshold) and save " +
			"it losslessly (TIFF or PNG), or train it as grayscale.");
		return new PhaseTable(set.stream().mapToInt(Integer::intValue).toArray());
	}

	public int count() {
		return values.length;
	}

	public int value(int phase) {
		return values[phase];
	}

	public int[] values() {
		return values.clone();
	}

	/** The phase of a grey value, or -1. */
	public int phaseOf(int value) {
		return Arrays.binarySearch(values, value);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof PhaseTable && Arrays.equals(values, ((PhaseTable) o).values);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(values);
	}

	@Override
	public String toString() {
		return Arrays.toString(values);
	}
}

package sc.fiji.slicegan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.compare.VolumeSetStatistics;
import sc.fiji.slicegan.metrics.LabelVolume;

class DiffusivityAtFractionTest {

	// real crops on the line D = 0.5·f − 0.1; their D's sd is 0.5 · sd(f)
	private static final double[] F = { 0.38, 0.40, 0.42, 0.44 }, D = { 0.09, 0.10, 0.11, 0.12 };
	private static final double SD = 0.5 * Math.sqrt((0.03 * 0.03 + 0.01 * 0.01) * 2 / 3);

	@Test
	void volumesOnTheRealLineMoveAlongItOnly() {
		double[] s = DiffusivityAtFraction.split(F, D, new double[] { 0.42, 0.44 }, new double[] { 0.11, 0.12 });
		// the generated mean fraction 0.43 against the real 0.41: 0.5 · 0.02 along the line, nothing beyond it
		assertArrayEquals(new double[] { 0.01 / SD, 0 }, s, 1e-9);
	}

	@Test
	void volumesConductingBetterAtTheSameFractionLieAboveTheLine() {
		double[] s = DiffusivityAtFraction.split(F, D, new double[] { 0.40, 0.42 }, new double[] { 0.12, 0.13 });
		assertArrayEquals(new double[] { 0, 0.02 / SD }, s, 1e-9);
		// the two parts add up to the plain Δ/sd: (0.125 − 0.105) / sd
		assertArrayEquals(new double[] { 0.02 / SD }, new double[] { s[0] + s[1] }, 1e-9);
	}

	@Test
	void valuesThatAreNotFiniteAreLeftOutAndTooFewRealCropsGiveNoSplit() {
		double[] withNaN = DiffusivityAtFraction.split(new double[] { 0.38, 0.40, Double.NaN, 0.42, 0.44 },
			new double[] { 0.09, 0.10, 0.5, 0.11, 0.12 }, new double[] { 0.42, 0.44 }, new double[] { 0.11,
				Double.POSITIVE_INFINITY });
		// the generated pair (0.44, ∞) is left out: (0.42, 0.11) lies on the line, 0.01 above the real mean fraction
		assertArrayEquals(new double[] { 0.005 / SD, 0 }, withNaN, 1e-9);
		double[] few = DiffusivityAtFraction.split(new double[] { 0.4, 0.5 }, new double[] { 0.1, 0.2 },
			new double[] { 0.4 }, new double[] { 0.1 });
		assertTrue(Double.isNaN(few[0]) && Double.isNaN(few[1]));
	}

	/** 4³ with phase 1 in the rows y < k: slabs that conduct along x and z in proportion to k and not along y. */
	private static LabelVolume slabs(int k) {
		byte[][] planes = new byte[4][16];
		for (byte[] p : planes)
			Arrays.fill(p, 0, 4 * k, (byte) 1);
		return new LabelVolume(4, 4, planes);
	}

	private static VolumeSetStatistics stats(int... ks) {
		List<LabelVolume> v = new ArrayList<>();
		for (int k : ks)
			v.add(slabs(k));
		return VolumeSetStatistics.of(v, new int[] { 0, 1 }, new VolumeSetStatistics.Options());
	}

	@Test
	void theLineNamesEveryPhaseAndAxis() {
		VolumeSetStatistics real = stats(1, 2, 3);
		// the same volumes: nothing to split; along y no phase conducts in any crop, so there is no line
		String same = DiffusivityAtFraction.line(real, stats(1, 2, 3), new int[] { 0, 1 }, new int[] { 0, 255 });
		assertTrue(same.endsWith("[0] x +0.0 +0.0, y n/a, z +0.0 +0.0; [255] x +0.0 +0.0, y n/a, z +0.0 +0.0"),
			same);
		// thinner slabs conduct less in proportion: all of it along the line, by (0.375 − 0.5) / sd(0.25, 0.5, 0.75)
		String thinner = DiffusivityAtFraction.line(real, stats(1, 2), new int[] { 0, 1 }, new int[] { 0, 255 });
		assertTrue(thinner.contains("[255] x -0.5 +0.0, y n/a, z -0.5 +0.0"), thinner);
	}
}

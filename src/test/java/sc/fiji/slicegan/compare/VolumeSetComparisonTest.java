package sc.fiji.slicegan.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.compare.VolumeSetStatistics.Statistic;
import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;

class VolumeSetComparisonTest {

	interface LabelAt {
		int at(int x, int y, int z);
	}

	static LabelVolume volume(int n, LabelAt f) {
		LabelVolume v = LabelVolume.zeros(n, n, n);
		for (int z = 0; z < n; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++)
					v.set(x, y, z, f.at(x, y, z));
		return v;
	}

	static VolumeSetStatistics stats(List<LabelVolume> v, int... phases) {
		return VolumeSetStatistics.of(v, phases, new VolumeSetStatistics.Options());
	}

	@Test
	void aSetAgainstItselfHasNoError() {
		List<LabelVolume> set = new ArrayList<>();
		for (int k = 0; k < 3; k++)
			set.add(CompareReportTest.random(16, 16, 16, new double[] { 0.5, 0.8 }, k));
		VolumeSetStatistics s = stats(set, 0, 1, 2);
		VolumeSetComparison c = VolumeSetComparison.of(s, s);
		// fractions and surfaces of 3 phases, TPB, and D and tau for 3 phases along 3 axes
		assertEquals(3 + 3 + 1 + 9 + 9, c.rows.size());
		for (VolumeSetComparison.Row r : c.rows) {
			// phase 2 (20 %) does not percolate: D = 0, tau infinite, no relative error
			if (Double.isFinite(r.realMean) && r.realMean != 0) assertEquals(0, r.relativeError(), 0, r.statistic
				.toString());
			assertEquals(r.realMean, r.generatedMean, 0, r.statistic.toString());
		}
		assertEquals(9, c.s2.size());
		for (VolumeSetComparison.S2Row r : c.s2)
			assertEquals(0, r.rmse, 0);
		assertEquals(8, c.maxR);
	}

	@Test
	void layersAcrossXAgainstLayersAcrossY() {
		// layers 2 voxels thick, normal to x (real) or to y (generated): same fractions and areas; S2 differs along x and
		// y but not z; diffusion is blocked across the layers and ε along them
		int n = 16;
		List<LabelVolume> real = Arrays.asList(volume(n, (x, y, z) -> x / 2 % 2), volume(n, (x, y, z) -> (x + 2) / 2 %
			2));
		List<LabelVolume> gen = Arrays.asList(volume(n, (x, y, z) -> y / 2 % 2), volume(n, (x, y, z) -> y / 2 % 2));
		VolumeSetStatistics rs = stats(real, 0, 1), gs = stats(gen, 0, 1);
		VolumeSetComparison c = VolumeSetComparison.of(rs, gs);
		Statistic fraction = new Statistic(CompareReport.PHASE_FRACTION, 1, "all");
		assertEquals(0.5, c.row(fraction).realMean, 1e-12);
		assertEquals(0, c.row(fraction).relativeError(), 1e-12);
		Statistic area = new Statistic(CompareReport.SURFACE_AREA, 1, "all");
		assertEquals(2.0 / 3 * 7 / 16, c.row(area).generatedMean, 1e-12);
		assertEquals(0, c.row(area).relativeError(), 1e-12);
		// real S2 of phase 1 along x (rows 0 0 1 1 0 0 1 1 ...); generated along x: 1/2 everywhere
		double[] realX = rs.s2Mean(1, Axis.X);
		assertEquals(0.5, realX[0], 1e-12);
		assertEquals(4.0 / 15, realX[1], 1e-12); // four pairs of neighbours in phase 1 among 15 per row
		assertEquals(0, realX[2], 1e-12);
		for (VolumeSetComparison.S2Row r : c.s2) {
			if (r.axis == Axis.Z) assertEquals(0, r.rmse, 1e-12);
			else assertTrue(r.rmse > 0.1, r.phase + " " + r.axis);
		}
		VolumeSetComparison.Row dx = c.row(new Statistic(CompareReport.DIFFUSIVITY, 1, "x"));
		assertEquals(0, dx.realMean, 1e-12);
		assertEquals(0.5, dx.generatedMean, 1e-4);
		VolumeSetComparison.Row tauX = c.row(new Statistic(CompareReport.TORTUOSITY, 1, "x"));
		assertEquals(0, tauX.realFinite);
		assertEquals(2, tauX.generatedFinite);
		assertTrue(Double.isNaN(tauX.realMean));
		assertEquals(1, tauX.generatedMean, 1e-4);
		String table = c.table(l -> l * 255);
		assertTrue(table.contains("phase fraction [255]"), table);
		assertTrue(table.contains("real 2/2 not percolating"), table);
		assertTrue(table.contains("S2 RMSE [0] z"), table);
	}

	@Test
	void standardisedDifferenceUsesTheRealSpread() {
		int n = 8;
		List<LabelVolume> real = Arrays.asList(volume(n, (x, y, z) -> x < 2 ? 1 : 0), volume(n, (x, y, z) -> x < 4 ? 1
			: 0));
		List<LabelVolume> gen = Arrays.asList(volume(n, (x, y, z) -> x < 6 ? 1 : 0));
		VolumeSetComparison.Row r = VolumeSetComparison.of(stats(real, 0, 1), stats(gen, 0, 1)).row(new Statistic(
			CompareReport.PHASE_FRACTION, 1, "all"));
		assertEquals(0.375, r.realMean, 1e-12);
		assertEquals(Math.sqrt(2) * 0.125, r.realSd, 1e-12);
		assertEquals((0.75 - 0.375) / 0.375, r.relativeError(), 1e-12);
		assertEquals((0.75 - 0.375) / (Math.sqrt(2) * 0.125), r.standardised(), 1e-12);
	}
}

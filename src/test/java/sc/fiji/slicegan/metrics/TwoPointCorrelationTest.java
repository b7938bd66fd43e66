package sc.fiji.slicegan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TwoPointCorrelationTest {
	@Test
	void independentVoxelsGivePhiAtZeroAndPhiSquaredBeyond() {
		double phi = 0.3;
		LabelVolume v = Volumes.random(64, 64, 64, phi, 11);
		double measured = PhaseFractions.of(v, 1);
		for (TwoPointCorrelation.Boundary b : TwoPointCorrelation.Boundary.values()) {
			for (Axis a : Axis.values()) {
				double[] s2 = TwoPointCorrelation.along(v, 1, a, 31, b);
				assertEquals(measured, s2[0], 1e-12, "S2(0) is the fraction, up to FFT rounding");
				for (int r = 1; r < s2.length; r++) {
					// ≥ 64·64·33 = 135k pairs per r: sd of the estimate ≈ sqrt(φ²(1−φ²)/135k) ≈ 8e-4,
					// so 4e-3 is ~5 sd.
					assertEquals(measured * measured, s2[r], 4e-3, b + " " + a + " r=" + r);
				}
			}
		}
	}

	@Test
	void fftMatchesDirectCountingOnOddSizes() {
		LabelVolume v = Volumes.random(7, 9, 5, 0.45, 5);
		for (Axis a : Axis.values()) {
			int len = v.size(a);
			for (TwoPointCorrelation.Boundary b : TwoPointCorrelation.Boundary.values()) {
				double[] s2 = TwoPointCorrelation.along(v, 1, a, len - 1, b, 2);
				for (int r = 0; r < len; r++)
					assertEquals(direct(v, a, r, b), s2[r], 1e-12, a + " " + b + " r=" + r);
			}
		}
	}

	private static double direct(LabelVolume v, Axis a, int r, TwoPointCorrelation.Boundary b) {
		int len = v.size(a);
		long hits = 0;
		long pairs = 0;
		for (int z = 0; z < v.depth; z++) {
			for (int y = 0; y < v.height; y++) {
				for (int x = 0; x < v.width; x++) {
					int k = Volumes.coord(a, x, y, z);
					int k2 = k + r;
					if (k2 >= len) {
						if (b == TwoPointCorrelation.Boundary.NON_PERIODIC) continue;
						k2 -= len;
					}
					int x2 = a == Axis.X ? k2 : x;
					int y2 = a == Axis.Y ? k2 : y;
					int z2 = a == Axis.Z ? k2 : z;
					pairs++;
					if (v.get(x, y, z) == 1 && v.get(x2, y2, z2) == 1) hits++;
				}
			}
		}
		return hits / (double) pairs;
	}
}

package sc.fiji.slicegan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TriplePhaseBoundaryTest {
	@Test
	void quadrantsGiveOneLineAlongEachAxis() {
		// Cross-section 2x2 holds phases 0,1 / 2,2: the central edge, running along the axis, is a TPB
		// over the full length L; no other edge has four voxels with three phases.
		for (Axis a : Axis.values()) {
			int len = 5;
			int w = a == Axis.X ? len : 2;
			int h = a == Axis.Y ? len : 2;
			int d = a == Axis.Z ? len : 2;
			LabelVolume v = Volumes.of(w, h, d, (x, y, z) -> {
				int[] uv = a == Axis.X ? new int[] { y, z } : a == Axis.Y ? new int[] { x, z } : new int[] { x, y };
				return uv[1] == 1 ? 2 : uv[0];
			});
			assertEquals(len, TriplePhaseBoundary.count(v), "axis " + a);
			assertEquals(len / (double) (4 * len), TriplePhaseBoundary.density(v), 1e-12);
		}
	}

	@Test
	void twoPhasesHaveNoTpbAndFourPhasesCount() {
		assertEquals(0, TriplePhaseBoundary.count(Volumes.random(12, 12, 12, 0.5, 3)));
		// 2D: one corner with phases 0,1,2,3 counts (at least three distinct)
		LabelVolume img = Volumes.of(2, 2, 1, (x, y, z) -> x + 2 * y);
		assertEquals(1, TriplePhaseBoundary.count(img));
		// 2D: a 3x3 image with three vertical-ish regions: corners (1,0)-(1,1) meet 0,1,2
		LabelVolume t = Volumes.of(3, 2, 1, (x, y, z) -> y == 0 ? (x < 2 ? 0 : 1) : 2);
		// corners: between x0,x1 -> {0,0,2,2}: 2 phases; between x1,x2 -> {0,1,2,2}: TPB
		assertEquals(1, TriplePhaseBoundary.count(t));
	}
}

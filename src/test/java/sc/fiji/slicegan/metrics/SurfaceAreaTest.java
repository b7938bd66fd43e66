package sc.fiji.slicegan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SurfaceAreaTest {
	// Face counts are integers, so the known answers are exact; 1e-12 only absorbs the division.
	private static final double EXACT = 1e-12;

	@Test
	void stripesHaveFacesOnlyNormalToTheStripeAxis() {
		// 32 wide, stripes 4 voxels wide along x: 7 interior interfaces per row, outer edge not counted
		LabelVolume v = Volumes.of(32, 10, 6, (x, y, z) -> (x / 4) % 2);
		SurfaceArea.Result r = SurfaceArea.of(v);
		for (int phase = 0; phase <= 1; phase++) {
			assertEquals(7L * 10 * 6, r.faces(phase, Axis.X));
			assertEquals(0, r.faces(phase, Axis.Y));
			assertEquals(0, r.faces(phase, Axis.Z));
			assertEquals(7.0 / 32, r.perUnitVolume(phase), EXACT);
			assertEquals(7.0 / 32, r.intercepts(phase, Axis.X), EXACT);
		}
		assertEquals(7L * 10 * 6, r.pairFaces(0, 1));
	}

	@Test
	void checkerboard2DAnd3D() {
		int n = 8;
		SurfaceArea.Result r2 = SurfaceArea.of(Volumes.of(n, n, 1, (x, y, z) -> (x + y) % 2));
		// every pixel differs from each neighbour: n(n-1) edges per direction
		assertEquals(2.0 * n * (n - 1) / (n * n), r2.perUnitVolume(0), EXACT);
		assertEquals(2.0 * n * (n - 1) / (n * n), r2.perUnitVolume(1), EXACT);
		assertEquals(r2.perUnitVolume(1), r2.specificSurfaceArea(1), EXACT); // 2D: S_V = edges/area

		int m = 6;
		SurfaceArea.Result r3 = SurfaceArea.of(Volumes.of(m, m, m, (x, y, z) -> (x + y + z) % 2));
		assertEquals(3.0 * m * m * (m - 1) / (m * m * m), r3.perUnitVolume(0), EXACT);
		assertEquals(2.0 / 3 * r3.perUnitVolume(0), r3.specificSurfaceArea(0), EXACT);
	}

	@Test
	void stereologyRecoversTheAreaOfAnIsotropicSurface() {
		// A digitised ball (all normals equally likely): (2/3)·faces ≈ 4πR², a digitised disc:
		// edges ≈ (4/π)·2πR. Digitisation noise on R = 40 is well under 2%, so 2% tolerance.
		int n = 96;
		double c = n / 2.0 - 0.5;
		double radius = 40;
		LabelVolume ball = Volumes.of(n, n, n,
			(x, y, z) -> (x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c) <= radius * radius ? 1 : 0);
		double area = SurfaceArea.of(ball).specificSurfaceArea(1) * ball.voxelCount();
		assertEquals(4 * Math.PI * radius * radius, area, 0.02 * 4 * Math.PI * radius * radius);

		LabelVolume disc = Volumes.of(n, n, 1, (x, y, z) -> (x - c) * (x - c) + (y - c) * (y - c) <= radius * radius ? 1
			: 0);
		double edges = SurfaceArea.of(disc).perUnitVolume(1) * disc.voxelCount();
		assertEquals(4 / Math.PI * 2 * Math.PI * radius, edges, 0.02 * 8 * radius);
	}
}

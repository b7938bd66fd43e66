package sc.fiji.slicegan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DownsamplingTest {

	@Test
	void eachBlockBecomesItsMajorityLabel() {
		// 4x2x2: block 0 holds six 2s and two 0s, block 1 five 1s and three 3s
		LabelVolume v = Volumes.of(4, 2, 2, (x, y, z) -> x < 2 ? (x == 0 && z == 0 ? 0 : 2) : (y == 1 && x == 3 ||
			z == 1 && y == 0 && x == 2 ? 3 : 1));
		LabelVolume d = Downsampling.mode(v, 2);
		assertEquals(2, d.width);
		assertEquals(1, d.height);
		assertEquals(1, d.depth);
		assertEquals(2, d.get(0, 0, 0));
		assertEquals(1, d.get(1, 0, 0));
	}

	@Test
	void tiesGoToTheFirstVoxelsLabelWhateverItsValue() {
		// two 2x2x2 blocks, four 0s and four 1s each: one starts with 1, the other with 0
		LabelVolume v = Volumes.of(4, 2, 2, (x, y, z) -> x < 2 ? (z == 0 ? 1 : 0) : (z == 0 ? 0 : 1));
		LabelVolume d = Downsampling.mode(v, 2);
		assertEquals(1, d.get(0, 0, 0));
		assertEquals(0, d.get(1, 0, 0));
	}

	@Test
	void largeFeaturesKeepTheirFractionAndPartialBlocksAreDropped() {
		int n = 65;
		double c = 32, r = 20;
		LabelVolume ball = Volumes.of(n, n, n, (x, y, z) -> (x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c) <=
			r * r ? 1 : 0);
		LabelVolume d = Downsampling.mode(ball, 2);
		assertEquals(32, d.width);
		assertEquals(32, d.height);
		assertEquals(32, d.depth);
		double ballFraction = 4.0 / 3 * Math.PI * r * r * r / (64.0 * 64 * 64);
		assertEquals(ballFraction, PhaseFractions.of(d, 1), 0.01);
	}

	@Test
	void imagesShrinkInXAndYOnly() {
		LabelVolume im = Volumes.of(6, 4, 1, (x, y, z) -> x / 2 % 2);
		LabelVolume d = Downsampling.mode(im, 2);
		assertEquals(3, d.width);
		assertEquals(2, d.height);
		assertEquals(1, d.depth);
		assertArrayEquals(new byte[] { 0, 1, 0, 0, 1, 0 }, d.planes[0]);
		assertArrayEquals(im.planes[0], Downsampling.mode(im, 1).planes[0]);
		assertThrows(IllegalArgumentException.class, () -> Downsampling.mode(im, 0));
		assertThrows(IllegalArgumentException.class, () -> Downsampling.mode(im, 5));
	}

	@Test
	void cropCopiesTheBox() {
		LabelVolume v = Volumes.of(5, 4, 3, (x, y, z) -> x + 10 * y + 50 * z);
		LabelVolume c = v.crop(1, 2, 1, 3, 2, 2);
		assertEquals(3, c.width);
		assertEquals(2, c.height);
		assertEquals(2, c.depth);
		for (int z = 0; z < 2; z++)
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 3; x++)
					assertEquals(v.get(x + 1, y + 2, z + 1), c.get(x, y, z));
		c.set(0, 0, 0, 7);
		assertEquals(1 + 20 + 50, v.get(1, 2, 1));
		assertThrows(IllegalArgumentException.class, () -> v.crop(3, 0, 0, 3, 1, 1));
	}
}

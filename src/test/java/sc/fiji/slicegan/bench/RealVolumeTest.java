package sc.fiji.slicegan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.data.SourceImage;

class RealVolumeTest {

	/**
	 * The planes normal to y and x are cut as the generator's volumes are (rows along z): a voxel's grey value is found
	 * at (x, z) in the first and at (y, z) in the second.
	 */
	@Test
	void planesAreCutWithRowsAlongZAndTheWholeVolumeKeepsItsAxes(@TempDir Path dir) throws Exception {
		int w = 5, h = 4, d = 3;
		byte[][] planes = new byte[d][w * h];
		// two phases (grey 0 and 255), phase 1 where x + 2y + 3z is odd
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					planes[z][x + y * w] = (byte) ((x + 2 * y + 3 * z) % 2 == 1 ? 255 : 0);
		Path file = dir.resolve("v.tif");
		new TiffStack(w, h, planes).write(file);
		RealVolume v = RealVolume.load(file, 1);
		SourceImage xz = v.planeNormalToY(2), yz = v.planeNormalToX(3), xy = v.slice(1);
		assertEquals(w, xz.width);
		assertEquals(d, xz.height);
		assertEquals(h, yz.width);
		assertEquals(d, yz.height);
		for (int z = 0; z < d; z++) {
			for (int x = 0; x < w; x++)
				assertEquals(planes[z][x + 2 * w] & 0xff, xz.value(x, z, 0), "xz at x " + x + ", z " + z);
			for (int y = 0; y < h; y++)
				assertEquals(planes[z][3 + y * w] & 0xff, yz.value(y, z, 0), "yz at y " + y + ", z " + z);
		}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				assertEquals(planes[1][x + y * w] & 0xff, xy.value(x, y, 0));
		// the whole volume as a stack: every voxel where the volume has it
		SourceImage whole = v.whole();
		assertEquals(d, whole.depth);
		for (int z = 0; z < d; z++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					assertEquals(planes[z][x + y * w] & 0xff, whole.value(x, y, z), "at " + x + ", " + y + ", " + z);
	}
}

package sc.fiji.slicegan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.metrics.LabelVolume;

class PlanePatternTest {

	/** A volume of layers normal to z: phase 1 in every fourth plane, starting at plane (4 − shift) mod 4. */
	private static LabelVolume layers(int edge, int shift) {
		byte[][] planes = new byte[edge][edge * edge];
		for (int z = 0; z < edge; z++)
			if ((z + shift) % 4 == 0) Arrays.fill(planes[z], (byte) 1);
		return new LabelVolume(edge, edge, planes);
	}

	@Test
	void layersFixedToThePositionShowAlongTheirAxisOnly() {
		List<LabelVolume> fixed = Arrays.asList(layers(8, 0), layers(8, 0));
		assertArrayEquals(new double[] { 1, 0, 0 }, PlanePattern.spreads(fixed, 1), 1e-12);
		// the same layers at every shift average out: nothing is fixed to the position
		List<LabelVolume> shifted = Arrays.asList(layers(8, 0), layers(8, 1), layers(8, 2), layers(8, 3));
		assertArrayEquals(new double[] { 0, 0, 0 }, PlanePattern.spreads(shifted, 1), 1e-12);
		PlanePattern pattern = new PlanePattern(fixed, shifted, new int[] { 0, 1 }, new int[] { 0, 255 });
		String line = pattern.line();
		assertTrue(line.contains("[255] 1.000/0.000/0.000 (real crops 0.000/0.000/0.000)"), line);
		List<String> csv = pattern.csv();
		assertEquals("axis,plane,generated_0,real_0,generated_255,real_255", csv.get(0));
		assertEquals("z,0,0.00000,0.75000,1.00000,0.25000", csv.get(1));
		assertEquals("z,1,1.00000,0.75000,0.00000,0.25000", csv.get(2));
		assertEquals(1 + 3 * 8, csv.size());
	}
}

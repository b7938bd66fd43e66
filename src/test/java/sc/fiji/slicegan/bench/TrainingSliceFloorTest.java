package sc.fiji.slicegan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.compare.VolumeSetStatistics;
import sc.fiji.slicegan.metrics.LabelVolume;

class TrainingSliceFloorTest {

	private static final int[] PHASES = { 0, 1 }, VALUES = { 0, 255 };
	private static final int EDGE = 16, MAX_R = 6;

	/** A volume whose every xy plane is the slice: its S₂ along x and y is the slice's. */
	private static LabelVolume extruded(LabelVolume slice, int depth) {
		byte[][] planes = new byte[depth][];
		for (int z = 0; z < depth; z++)
			planes[z] = slice.planes[0].clone();
		return new LabelVolume(slice.width, slice.height, planes);
	}

	private static VolumeSetStatistics stats(LabelVolume v) {
		VolumeSetStatistics.Options o = new VolumeSetStatistics.Options();
		o.maxR = MAX_R;
		o.diffusion = false;
		return VolumeSetStatistics.of(Collections.singletonList(v), PHASES, o);
	}

	@Test
	void aVolumeMadeOfTheSliceHasNoDistanceFromIt() {
		byte[] p = new byte[EDGE * EDGE];
		Random rng = new Random(3);
		for (int i = 0; i < p.length; i++)
			p[i] = (byte) (rng.nextDouble() < 0.4 ? 1 : 0);
		LabelVolume slice = new LabelVolume(EDGE, EDGE, new byte[][] { p });
		TrainingSliceFloor floor = new TrainingSliceFloor(slice, PHASES, VALUES, MAX_R);
		assertEquals(0, floor.meanRmse(stats(extruded(slice, 8))), 1e-12);
	}

	@Test
	void stripesAgainstAUniformVolumeGiveTheHandComputedDistances() {
		// columns alternate between the phases: along x S₂ is ½ at even r and 0 at odd r; along y ½ at every r
		byte[] p = new byte[EDGE * EDGE];
		for (int i = 0; i < p.length; i++)
			p[i] = (byte) (i % 2);
		LabelVolume slice = new LabelVolume(EDGE, EDGE, new byte[][] { p });
		TrainingSliceFloor floor = new TrainingSliceFloor(slice, PHASES, VALUES, MAX_R);
		VolumeSetStatistics uniform = stats(new LabelVolume(EDGE, EDGE, new byte[8][EDGE * EDGE]));
		// phase 0 is everywhere (S₂ = 1), phase 1 nowhere (S₂ = 0); r = 0..6 holds 4 even distances of 7
		double x0 = Math.sqrt((4 * 0.25 + 3 * 1.0) / 7), y0 = 0.5, x1 = Math.sqrt(4 * 0.25 / 7), y1 = 0.5;
		assertEquals((x0 + y0 + x1 + y1) / 4, floor.meanRmse(uniform), 1e-12);
		String line = floor.generatedAgainstSlice(uniform);
		assertTrue(line.contains(String.format(java.util.Locale.ROOT, "[0] x %.4f, y %.4f; [255] x %.4f, y %.4f", x0,
			y0, x1, y1)), line);
		String table = floor.table(uniform);
		assertTrue(table.contains("phase 255  fraction 0.5000 vs 0.0000"), table);
	}
}

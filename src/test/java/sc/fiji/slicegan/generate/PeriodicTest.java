package sc.fiji.slicegan.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.TestImages;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.io.ModelState;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.TestNets;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingConfig;

/**
 * A periodic volume is one period of an endless volume: generating from its noise repeated twice along every
 * axis gives the same volume tiled 2×2×2, voxel for voxel (intensities compared, which argmax ties cannot hide).
 */
class PeriodicTest {

	@Test
	void periodicVolumesTile() {
		NetSpec spec = TestNets.tiny(1, Head.TANH);
		try (Backend be = new Nd4jBackend(Precision.FLOAT)) {
			ModelState m;
			try (Trainer t = new Trainer(be, TrainingData.isotropic(TestImages.noise(40, 200, 3), ImageKind.GRAYSCALE,
				16), spec, new TrainingConfig()))
			{
				m = t.snapshot();
			}
			// initial weights are tiny (N(0, 0.02)): larger ones give intensities that use the 0–255 range
			for (Map.Entry<String, float[]> e : m.tensors.entrySet())
				if (e.getKey().startsWith("G.w")) for (int i = 0; i < e.getValue().length; i++)
					e.getValue()[i] *= 12;
			assertEquals(8, Periodic.period(spec));
			int cells = 4, step = 8, c = spec.latentChannels;
			float[] noise = new float[c * cells * cells * cells];
			Random rng = new Random(5);
			for (int i = 0; i < noise.length; i++)
				noise[i] = (float) rng.nextGaussian();
			float[] twice = new float[c * 8 * 8 * 8];
			for (int ch = 0; ch < c; ch++)
				for (int z = 0; z < 8; z++)
					for (int y = 0; y < 8; y++)
						for (int x = 0; x < 8; x++)
							twice[((ch * 8 + z) * 8 + y) * 8 + x] = noise[((ch * cells + z % cells) * cells + y % cells) *
								cells + x % cells];
			try (VolumeGenerator g = new VolumeGenerator(be, m)) {
				GeneratedVolume one = g.periodicFromNoise(noise, cells), two = g.periodicFromNoise(twice, 8);
				int n = cells * step;
				assertEquals(n, one.depth);
				assertEquals(2 * n, two.depth);
				int exact = 0, total = 0, distinct = 0, first = one.value(0, 0, 0, 0);
				for (int z = 0; z < 2 * n; z++)
					for (int y = 0; y < 2 * n; y++)
						for (int x = 0; x < 2 * n; x++) {
							int a = one.value(x % n, y % n, z % n, 0), b = two.value(x, y, z, 0);
							assertTrue(Math.abs(a - b) <= 1, "voxel " + x + "," + y + "," + z + ": " + a + " vs " + b);
							if (a == b) exact++;
							if (a != first) distinct++;
							total++;
						}
				// float32 rounding may move a value across a byte boundary, rarely
				assertTrue(exact > 0.99 * total, exact + " of " + total + " voxels equal");
				assertTrue(distinct > total / 10, "the volume has structure");
			}
			// the public entry points: periodic edges round up to whole periods, per-axis choice
			try (VolumeGenerator g = new VolumeGenerator(be, m)) {
				GeneratedVolume v = g.generateEdge(30, 1, new boolean[] { true, true, true });
				assertEquals(32, v.width);
				GeneratedVolume mixed = g.generate(4, 1, new boolean[] { true, false, false });
				assertEquals(32, mixed.depth);
				assertEquals(spec.volumeEdge(4), mixed.width);
			}
		}
	}
}

package sc.fiji.slicegan.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import sc.fiji.slicegan.TestImages;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.TestNets;
import sc.fiji.slicegan.train.Trainer;

/**
 * Generation beyond one plain piece, compared voxel for voxel on intensities (a grayscale model, which argmax ties
 * cannot hide; float32 rounding may move a value across a byte boundary, rarely): a periodic volume is one period
 * of an endless volume, and a volume made in slabs equals the one made in one piece; for both generator kinds.
 */
class PeriodicTest {

	static NetSpec spec(boolean rc) {
		return rc ? TestNets.tinyRc(1, Head.TANH) : TestNets.tiny(1, Head.TANH);
	}

	/** An untrained grayscale model whose weights are scaled up so that intensities use the 0–255 range. */
	static ModelState model(Backend be, NetSpec spec) {
		ModelState m;
		try (Trainer t = new Trainer(be, TrainingData.isotropic(TestImages.noise(40, 200, 3), ImageKind.GRAYSCALE, 16),
			spec, new TrainingConfig()))
		{
			m = t.snapshot();
		}
		for (Map.Entry<String, float[]> e : m.tensors.entrySet())
			if (e.getKey().startsWith("G.w") || e.getKey().startsWith("G.rc.w")) for (int i = 0; i < e
				.getValue().length; i++)
				e.getValue()[i] *= 12;
		return m;
	}

	/** Voxel (x, y, z) of b against voxel (x mod n, y mod n, z mod n) of a. */
	static void assertSame(GeneratedVolume a, GeneratedVolume b) {
		int exact = 0, total = 0, distinct = 0, first = a.value(0, 0, 0, 0);
		for (int z = 0; z < b.depth; z++)
			for (int y = 0; y < b.height; y++)
				for (int x = 0; x < b.width; x++) {
					int u = a.value(x % a.width, y % a.height, z % a.depth, 0), v = b.value(x, y, z, 0);
					assertTrue(Math.abs(u - v) <= 1, "voxel " + x + "," + y + "," + z + ": " + u + " vs " + v);
					if (u == v) exact++;
					if (u != first) distinct++;
					total++;
				}
		assertTrue(exact > 0.99 * total, exact + " of " + total + " voxels equal");
		assertTrue(distinct > total / 10, "the volume has structure");
	}

	@ParameterizedTest(name = "resize convolution: {0}")
	@ValueSource(booleans = { false, true })
	void slabsGiveTheSameVolumeAsOnePiece(boolean rc) {
		NetSpec spec = spec(rc);
		try (Backend be = new Nd4jBackend(Precision.FLOAT); VolumeGenerator whole = new VolumeGenerator(be, model(be,
			spec)); VolumeGenerator slabs = new VolumeGenerator(be, model(be, spec)))
		{
			slabs.setTileVoxels(3 * 48 * 48);
			GeneratedVolume a = whole.generate(8, 3), b = slabs.generate(8, 3);
			assertEquals(spec.volumeEdge(8), b.depth);
			assertSame(a, b);
			// a cropped edge, in slabs of whole periods
			slabs.setTileVoxels(16 * 48 * 48);
			assertSame(whole.generateEdge(45, 5), slabs.generateEdge(45, 5));
			boolean[] xyz = { true, true, true };
			assertSame(whole.generateEdge(40, 4, xyz), slabs.generateEdge(40, 4, xyz));
			boolean[] z = { true, false, false };
			assertSame(whole.generateEdge(40, 6, z), slabs.generateEdge(40, 6, z));
		}
	}

	@ParameterizedTest(name = "resize convolution: {0}")
	@ValueSource(booleans = { false, true })
	void periodicVolumesTile(boolean rc) {
		NetSpec spec = spec(rc);
		try (Backend be = new Nd4jBackend(Precision.FLOAT)) {
			ModelState m = model(be, spec);
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
							twice[((ch * 8 + z) * 8 + y) * 8 + x] = noise[((ch * cells + z % cells) * cells + y %
								cells) *
								cells + x % cells];
			try (VolumeGenerator g = new VolumeGenerator(be, m)) {
				GeneratedVolume one = g.periodicFromNoise(noise, cells), two = g.periodicFromNoise(twice, 8);
				assertEquals(cells * step, one.depth);
				assertEquals(2 * cells * step, two.depth);
				assertSame(one, two);
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

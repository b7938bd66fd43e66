package sc.fiji.slicegan.metrics;

import java.util.SplittableRandom;

/** Synthetic label volumes with known statistics, for the tests. */
final class Volumes {
	interface LabelAt {
		int at(int x, int y, int z);
	}

	private Volumes() {
	}

	static LabelVolume of(int w, int h, int d, LabelAt f) {
		LabelVolume v = LabelVolume.zeros(w, h, d);
		for (int z = 0; z < d; z++) {
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++)
					v.set(x, y, z, f.at(x, y, z));
			}
		}
		return v;
	}

	/** Each voxel is phase 1 with probability phi, independently. */
	static LabelVolume random(int w, int h, int d, double phi, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		return of(w, h, d, (x, y, z) -> rnd.nextDouble() < phi ? 1 : 0);
	}

	static int coord(Axis a, int x, int y, int z) {
		return a == Axis.X ? x : a == Axis.Y ? y : z;
	}
}

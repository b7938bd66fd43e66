package sc.fiji.slicegan;

import java.util.Random;

import sc.fiji.slicegan.data.SourceImage;

/** Small synthetic images built in code, for tests that need no files. */
public final class TestImages {

	private TestImages() {}

	/** Random discs of value 255 on 0, about the given area fraction. */
	public static SourceImage discs(int size, double fraction, int radius, long seed) {
		Random rng = new Random(seed);
		byte[] px = new byte[size * size];
		int filled = 0;
		while (filled < fraction * size * size) {
			int cx = rng.nextInt(size), cy = rng.nextInt(size);
			for (int y = cy - radius; y <= cy + radius; y++)
				for (int x = cx - radius; x <= cx + radius; x++) {
					if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > radius * radius) continue;
					int i = Math.floorMod(x, size) + Math.floorMod(y, size) * size;
					if (px[i] == 0) filled++;
					px[i] = (byte) 255;
				}
		}
		return SourceImage.ofBytes("discs", size, size, px);
	}

	public static SourceImage constant(int size, int value) {
		byte[] px = new byte[size * size];
		java.util.Arrays.fill(px, (byte) value);
		return SourceImage.ofBytes("constant", size, size, px);
	}

	/** Every grey level 0..levels−1 at random: an unsegmented image. */
	public static SourceImage noise(int size, int levels, long seed) {
		Random rng = new Random(seed);
		byte[] px = new byte[size * size];
		for (int i = 0; i < px.length; i++)
			px[i] = (byte) rng.nextInt(levels);
		return SourceImage.ofBytes("noise", size, size, px);
	}
}

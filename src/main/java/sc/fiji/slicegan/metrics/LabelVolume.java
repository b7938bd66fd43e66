package sc.fiji.slicegan.metrics;

import java.util.Arrays;

/**
 * A segmented image or volume: one unsigned byte label (phase 0..255) per voxel.
 * Stored as one {@code byte[]} per z-plane, index {@code x + y * width}, so ImageJ
 * stacks can be wrapped without copying. A 2D image is a volume of depth 1.
 */
public final class LabelVolume {
	public final int width;
	public final int height;
	public final int depth;
	public final byte[][] planes;

	public LabelVolume(int width, int height, byte[][] planes) {
		if (width < 1 || height < 1 || planes == null || planes.length < 1)
			throw new IllegalArgumentException("empty volume");
		for (byte[] p : planes) {
			if (p == null || p.length != width * height)
				throw new IllegalArgumentException("plane length must be width*height = " + width * height);
		}
		this.width = width;
		this.height = height;
		this.depth = planes.length;
		this.planes = planes;
	}

	/** A 2D label image (depth 1). */
	public static LabelVolume image(int width, int height, byte[] pixels) {
		return new LabelVolume(width, height, new byte[][] { pixels });
	}

	/** A zero-filled volume. */
	public static LabelVolume zeros(int width, int height, int depth) {
		byte[][] planes = new byte[depth][width * height];
		return new LabelVolume(width, height, planes);
	}

	public boolean is2D() {
		return depth == 1;
	}

	public long voxelCount() {
		return (long) width * height * depth;
	}

	public int get(int x, int y, int z) {
		return planes[z][x + y * width] & 0xff;
	}

	public void set(int x, int y, int z, int label) {
		planes[z][x + y * width] = (byte) label;
	}

	/** Number of voxels along an axis. */
	public int size(Axis axis) {
		switch (axis) {
			case X:
				return width;
			case Y:
				return height;
			default:
				return depth;
		}
	}

	/** Axes along which this volume extends (X, Y; and Z when depth > 1). */
	public Axis[] axes() {
		return is2D() ? new Axis[] { Axis.X, Axis.Y } : Axis.values();
	}

	/** Voxel count per label value, length 256. */
	public long[] histogram() {
		long[] h = new long[256];
		for (byte[] p : planes) {
			for (byte b : p)
				h[b & 0xff]++;
		}
		return h;
	}

	/** Labels present, ascending. */
	public int[] labels() {
		long[] h = histogram();
		return java.util.stream.IntStream.range(0, 256).filter(l -> h[l] > 0).toArray();
	}

	/** A copy of the box of {@code w × h × d} voxels from (x0, y0, z0); the box must lie inside the volume. */
	public LabelVolume crop(int x0, int y0, int z0, int w, int h, int d) {
		if (x0 < 0 || y0 < 0 || z0 < 0 || w < 1 || h < 1 || d < 1 || x0 + w > width || y0 + h > height || z0 + d >
			depth)
		{
			throw new IllegalArgumentException("box " + w + "x" + h + "x" + d + " at (" + x0 + ", " + y0 + ", " + z0 +
				") is not inside " + width + "x" + height + "x" + depth);
		}
		byte[][] out = new byte[d][w * h];
		for (int z = 0; z < d; z++) {
			for (int y = 0; y < h; y++)
				System.arraycopy(planes[z0 + z], x0 + (y0 + y) * width, out[z], y * w, w);
		}
		return new LabelVolume(w, h, out);
	}

	/** The 2D image at plane z (shares the pixel array). */
	public LabelVolume plane(int z) {
		return image(width, height, planes[z]);
	}

	@Override
	public String toString() {
		return "LabelVolume " + width + "x" + height + "x" + depth + " labels " + Arrays.toString(labels());
	}
}

package sc.fiji.slicegan.generate;

/**
 * A generated volume as 8-bit planes, the form a Z-stack wraps without copying: plane {@code z·channels + c}
 * holds channel c of slice z, pixel (x, y) at x + y·width. n-phase volumes hold each voxel's phase grey value
 * (or the phase index when the values do not fit in a byte); grayscale and colour hold 0–255.
 */
public final class GeneratedVolume {

	public final int width, height, depth, channels;
	public final byte[][] planes;
	/** True when the planes hold phase indices 0…n−1 rather than the phases' grey values. */
	public final boolean phaseIndices;
	public final long seed;

	GeneratedVolume(int width, int height, int depth, int channels, byte[][] planes, boolean phaseIndices, long seed) {
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.channels = channels;
		this.planes = planes;
		this.phaseIndices = phaseIndices;
		this.seed = seed;
	}

	public int value(int x, int y, int z, int c) {
		return planes[z * channels + c][x + y * width] & 0xff;
	}
}

package sc.fiji.slicegan.data;

/**
 * The real images one slicing axis is trained against: a stack of S images of C channels, {@code float[S][C][H][W]}
 * flattened, from which crops are drawn.
 */
public final class AxisSource {

	public final String description;
	public final int images, channels, height, width;
	public final float[] data;

	AxisSource(String description, int images, int channels, int height, int width, float[] data) {
		this.description = description;
		this.images = images;
		this.channels = channels;
		this.height = height;
		this.width = width;
		this.data = data;
	}

	public int[] shape() {
		return new int[] { images, channels, height, width };
	}
}

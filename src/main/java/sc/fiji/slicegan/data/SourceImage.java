package sc.fiji.slicegan.data;

/**
 * A training image as plain numbers: a 2D image (depth 1) or a 3D stack, pixel (x, y, z) at index
 * x + width·(y + height·z). Values are grey levels (up to {@code maxValue}) or packed 0xRRGGBB colours.
 */
public final class SourceImage {

	public final String name;
	public final int width, height, depth;
	public final boolean rgb;
	/**
	 * The smallest and largest grey level the image type can hold (0 and 255 for 8-bit, 0 and 65535 for 16-bit,
	 * −32768 and 32767 for signed 16-bit), for scaling to [0, 1].
	 */
	public final int minValue, maxValue;
	final int[] values;

	public SourceImage(String name, int width, int height, int depth, int[] values, boolean rgb, int maxValue) {
		this(name, width, height, depth, values, rgb, 0, maxValue);
	}

	public SourceImage(String name, int width, int height, int depth, int[] values, boolean rgb, int minValue,
		int maxValue)
	{
		if (width < 1 || height < 1 || depth < 1) throw new sc.fiji.slicegan.BadInputException("Image '" + name +
			"' is empty (" + width + "×" + height + "×" + depth + ").");
		if ((long) width * height * depth != values.length) throw new IllegalArgumentException("Image '" + name +
			"': " + values.length + " values for " + width + "×" + height + "×" + depth);
		this.name = name;
		this.width = width;
		this.height = height;
		this.depth = depth;
		this.values = values;
		this.rgb = rgb;
		this.minValue = minValue;
		this.maxValue = maxValue;
	}

	/** An 8-bit grey or label image from one byte array per z-plane. */
	public static SourceImage ofBytes(String name, int width, int height, byte[]... planes) {
		int plane = width * height;
		int[] v = new int[plane * planes.length];
		for (int z = 0; z < planes.length; z++)
			for (int i = 0; i < plane; i++)
				v[z * plane + i] = planes[z][i] & 0xff;
		return new SourceImage(name, width, height, planes.length, v, false, 255);
	}

	public int value(int x, int y, int z) {
		return values[x + width * (y + height * z)];
	}

	public boolean is3D() {
		return depth > 1;
	}

	@Override
	public String toString() {
		return "'" + name + "' (" + width + "×" + height + (depth > 1 ? "×" + depth : "") + ")";
	}
}

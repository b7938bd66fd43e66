package sc.fiji.slicegan.pytorch;

import java.util.Arrays;

/** One tensor of a state dict: its element type in PyTorch, its shape, and its values (as float32, row-major). */
public final class TorchTensor {

	public final StorageType type;
	public final int[] shape;
	public final float[] values;

	public TorchTensor(StorageType type, int[] shape, float[] values) {
		if (values.length != elements(shape)) throw new IllegalArgumentException(values.length + " values for shape " +
			Arrays.toString(shape));
		this.type = type;
		this.shape = shape.clone();
		this.values = values;
	}

	/** A float32 tensor. */
	public static TorchTensor of(int[] shape, float[] values) {
		return new TorchTensor(StorageType.FLOAT, shape, values);
	}

	static long elements(int[] shape) {
		long n = 1;
		for (int d : shape)
			n *= d;
		return n;
	}

	/** The shape as PyTorch prints it: [8, 6, 4, 4, 4]. */
	public String describeShape() {
		return Arrays.toString(shape);
	}
}

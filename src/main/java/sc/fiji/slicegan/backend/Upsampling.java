package sc.fiji.slicegan.backend;

import java.util.Arrays;

/**
 * Where the samples of a trilinear upsampling lie, per spatial axis (z, y, x), as in PyTorch's
 * {@code Upsample(mode='trilinear', align_corners=False)}: output voxel o of a whole output samples the input at
 * s = max(0, (o + ½)·scale − ½), i.e. inputs ⌊s⌋ and ⌊s⌋ + 1 (the last input when there is no next one) with weights
 * 1 − (s − ⌊s⌋) and s − ⌊s⌋; for whole tensors scale = in/out. Generation in slabs computes a window of a whole
 * upsampling: the tensors then hold the inputs from {@code inputOrigin} and the outputs from {@code outputOrigin} of a
 * whole one with {@code inputSize} inputs and the given scale.
 */
public final class Upsampling {

	private final double[] scale;
	private final int[] inputSize, inputOrigin, outputOrigin;

	public Upsampling(double[] scale, int[] inputSize, int[] inputOrigin, int[] outputOrigin) {
		this.scale = scale.clone();
		this.inputSize = inputSize.clone();
		this.inputOrigin = inputOrigin.clone();
		this.outputOrigin = outputOrigin.clone();
	}

	/** The upsampling of a whole input of spatial extents {@code in} to {@code out}: PyTorch's, scale in/out. */
	public static Upsampling whole(int[] in, int[] out) {
		double[] scale = new double[3];
		for (int a = 0; a < 3; a++)
			scale[a] = (double) in[a] / out[a];
		return new Upsampling(scale, in, new int[3], new int[3]);
	}

	/** The upsampling of the whole of x [B, C, D, H, W] to the whole of y [B, C, OD, OH, OW]. */
	public static Upsampling whole(Tensor x, Tensor y) {
		return whole(spatial(x), spatial(y));
	}

	/** Whether this is {@link #whole(Tensor, Tensor)} of x to y: PyTorch's upsampling of one tensor to another. */
	public boolean isWhole(Tensor x, Tensor y) {
		Upsampling w = whole(x, y);
		return Arrays.equals(scale, w.scale) && Arrays.equals(inputSize, w.inputSize) && Arrays.equals(inputOrigin,
			w.inputOrigin) && Arrays.equals(outputOrigin, w.outputOrigin);
	}

	private static int[] spatial(Tensor t) {
		return new int[] { t.dim(2), t.dim(3), t.dim(4) };
	}

	/** PyTorch's source position of output o (align_corners=False). */
	public static double source(double scale, long o) {
		return Math.max(0, (o + 0.5) * scale - 0.5);
	}

	/** The first input output o reads. */
	public static int first(double scale, int inputSize, long o) {
		return (int) Math.min(inputSize - 1, (long) Math.floor(source(scale, o)));
	}

	/** The second input output o reads: the next one, or the last input again. */
	public static int second(double scale, int inputSize, long o) {
		int i = first(scale, inputSize, o);
		return i < inputSize - 1 ? i + 1 : i;
	}

	/** The two inputs each of {@code count} outputs along one axis reads (indices into the input tensor) and weights. */
	public static final class Taps {
		public final int[] first, second;
		/** The second input's weight (the first's is 1 − weight). */
		public final double[] weight;

		Taps(int count) {
			first = new int[count];
			second = new int[count];
			weight = new double[count];
		}
	}

	/** The taps of the outputs 0 … count − 1 of the output tensor along {@code axis} (0 = z). */
	public Taps taps(int axis, int count) {
		Taps t = new Taps(count);
		for (int o = 0; o < count; o++) {
			long g = (long) outputOrigin[axis] + o;
			int i = first(scale[axis], inputSize[axis], g);
			t.first[o] = i - inputOrigin[axis];
			t.second[o] = second(scale[axis], inputSize[axis], g) - inputOrigin[axis];
			t.weight[o] = Math.min(1, source(scale[axis], g) - i);
		}
		return t;
	}

	/**
	 * Checks that x [B, C, D, H, W] holds every input that y's outputs read and that both have the same batch and
	 * channels.
	 */
	public void check(Tensor x, Tensor y) {
		if (x.shape().length != 5 || y.shape().length != 5 || x.dim(0) != y.dim(0) || x.dim(1) != y.dim(1))
			throw new IllegalArgumentException("upsampling " + x + " to " + y + ": shapes do not match");
		for (int a = 0; a < 3; a++) {
			Taps t = taps(a, y.dim(2 + a));
			int last = t.second.length - 1;
			if (t.first[0] < 0 || t.second[last] >= x.dim(2 + a)) throw new IllegalArgumentException("upsampling " +
				this +
				" along axis " + a + " reads inputs " + t.first[0] + " to " + t.second[last] + " of " + x);
		}
	}

	@Override
	public String toString() {
		return "Upsampling(scale " + Arrays.toString(scale) + ", inputs " + Arrays.toString(inputSize) + " from " +
			Arrays
				.toString(inputOrigin) + ", outputs from " + Arrays.toString(outputOrigin) + ")";
	}
}

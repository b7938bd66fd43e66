package sc.fiji.slicegan.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sc.fiji.slicegan.nn.FiniteDifferences.download;

import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.backend.Upsampling;

/**
 * The float32 operations the CPU backend runs itself (oneDNN primitives called directly, Java loops), and ND4J's
 * float32 ops that remain the fallback where oneDNN cannot load, agree with ND4J's float64 ops, which the
 * finite-difference tests check: convolutions in every direction, with and without
 * accumulation, on shapes whose channels do and do not fill oneDNN's 16-channel blocks; batch normalisation; ReLU and
 * softmax with their backward passes, in place too; Adam, crops, interpolation, the norm penalty and sums.
 */
class FloatKernelsTest {

	/** float32 sums of up to a few thousand products against float64 */
	static final double TOLERANCE = 2e-6;
	static Backend single, fallback, reference;
	final Random rng = new Random(11);

	@BeforeAll
	static void open() {
		single = new Nd4jBackend(Precision.FLOAT);
		fallback = new Nd4jBackend(Precision.FLOAT, false);
		reference = new Nd4jBackend(Precision.DOUBLE);
	}

	@AfterAll
	static void close() {
		single.close();
		fallback.close();
		reference.close();
	}

	@Test
	void directPathIsUsedOnLinuxX86() {
		if (System.getProperty("os.name").toLowerCase().contains("linux") && System.getProperty("os.arch").contains(
			"64") && !System.getProperty("os.arch").contains("aarch")) assertNull(OneDnn.unavailableReason());
		System.out.println("float backend: " + single.name());
	}

	/** An op on one backend: inputs first, output last. */
	private interface Op {
		void run(Backend b, Tensor[] t);
	}

	/**
	 * Runs {@code op} on both backends with the same random tensors of the given shapes (the last one the output,
	 * random too so that accumulation shows) and compares the outputs.
	 */
	private void agree(String what, Op op, int[]... shapes) {
		agree(what, op, 1, -1, shapes);
	}

	/**
	 * As {@link #agree(String, Op, int[]...)} with the last {@code outputs} tensors compared, and tensor
	 * {@code positive} (if not −1) drawn positive.
	 */
	private void agree(String what, Op op, int outputs, int positive, int[]... shapes) {
		double[][] values = new double[shapes.length][];
		for (int i = 0; i < shapes.length; i++) {
			long n = 1;
			for (int d : shapes[i])
				n *= d;
			values[i] = new double[(int) n];
			for (int j = 0; j < n; j++)
				values[i][j] = i == positive ? 0.5 + rng.nextDouble() : rng.nextGaussian();
		}
		double[][] fromReference = run(reference, op, shapes, values, outputs);
		for (Backend b : new Backend[] { single, fallback }) {
			double[][] fromSingle = run(b, op, shapes, values, outputs);
			for (int o = 0; o < outputs; o++) {
				double err = relativeError(fromReference[o], fromSingle[o]);
				assertTrue(err < TOLERANCE, what + (b == fallback ? " (ND4J's float ops)" : "") + ", output " + o +
					": relative error " + err);
			}
		}
	}

	private static double[][] run(Backend b, Op op, int[][] shapes, double[][] values, int outputs) {
		Tensor[] t = new Tensor[shapes.length];
		for (int i = 0; i < t.length; i++) {
			t[i] = b.allocate(shapes[i]);
			b.upload(values[i], t[i]);
		}
		// twice: the second call reuses the cached primitive
		op.run(b, t);
		for (int i = t.length - outputs; i < t.length; i++)
			b.upload(values[i], t[i]);
		op.run(b, t);
		double[][] out = new double[outputs][];
		for (int o = 0; o < outputs; o++) {
			Tensor x = t[t.length - outputs + o];
			out[o] = new double[(int) x.size()];
			b.download(x, out[o]);
		}
		for (Tensor x : t)
			x.close();
		return out;
	}

	/** x, w, y, stride, pad of 2D convolutions like the critic's. */
	private static final int[][][] CONV2D = { //
		{ { 5, 2, 16, 16 }, { 16, 2, 4, 4 }, { 5, 16, 8, 8 }, { 2, 1 } }, // first layer: 2 channels in
		{ { 4, 32, 8, 8 }, { 16, 32, 4, 4 }, { 4, 16, 4, 4 }, { 2, 1 } }, // blocked in and out
		{ { 3, 64, 4, 4 }, { 1, 64, 4, 4 }, { 3, 1, 1, 1 }, { 2, 0 } }, // last layer: one score
		{ { 2, 3, 10, 10 }, { 5, 3, 4, 4 }, { 2, 5, 5, 5 }, { 2, 1 } }, // odd output, few channels
	};

	/** A convolution's four entry points on a backend, 2D or 3D. */
	private interface ConvOps {
		void forward(Backend b, Tensor x, Tensor w, int s, int p, Tensor y);

		void data(Backend b, Tensor dy, Tensor w, int s, int p, Tensor dx);

		void filter(Backend b, Tensor x, Tensor dy, int s, int p, Tensor dw, boolean accumulate);

		void both(Backend b, Tensor x, Tensor w, Tensor dy, int s, int p, Tensor dx, Tensor dw, boolean accumulate);
	}

	private static final ConvOps CONV2D_OPS = new ConvOps() {
		public void forward(Backend b, Tensor x, Tensor w, int s, int p, Tensor y) {
			b.conv2d(x, w, s, p, y);
		}

		public void data(Backend b, Tensor dy, Tensor w, int s, int p, Tensor dx) {
			b.conv2dBackwardData(dy, w, s, p, dx);
		}

		public void filter(Backend b, Tensor x, Tensor dy, int s, int p, Tensor dw, boolean accumulate) {
			b.conv2dBackwardFilter(x, dy, s, p, dw, accumulate);
		}

		public void both(Backend b, Tensor x, Tensor w, Tensor dy, int s, int p, Tensor dx, Tensor dw,
			boolean accumulate)
		{
			b.conv2dBackward(x, w, dy, s, p, dx, dw, accumulate);
		}
	};

	private static final ConvOps CONV3D_OPS = new ConvOps() {
		public void forward(Backend b, Tensor x, Tensor w, int s, int p, Tensor y) {
			b.conv3d(x, w, s, p, y);
		}

		public void data(Backend b, Tensor dy, Tensor w, int s, int p, Tensor dx) {
			b.conv3dBackwardData(dy, w, s, p, dx);
		}

		public void filter(Backend b, Tensor x, Tensor dy, int s, int p, Tensor dw, boolean accumulate) {
			b.conv3dBackwardFilter(x, dy, s, p, dw, accumulate);
		}

		public void both(Backend b, Tensor x, Tensor w, Tensor dy, int s, int p, Tensor dx, Tensor dw,
			boolean accumulate)
		{
			b.conv3dBackward(x, w, dy, s, p, dx, dw, accumulate);
		}
	};

	/** Every direction of a convolution, for each case (x, w, y, {stride, pad}), against the float64 reference. */
	private void convAllDirections(String name, int[][][] cases, ConvOps ops) {
		for (int[][] c : cases) {
			int s = c[3][0], p = c[3][1];
			String at = " at " + java.util.Arrays.toString(c[0]) + " → " + java.util.Arrays.toString(c[2]);
			agree(name + at, (b, t) -> ops.forward(b, t[0], t[1], s, p, t[2]), c[0], c[1], c[2]);
			agree(name + " data" + at, (b, t) -> ops.data(b, t[0], t[1], s, p, t[2]), c[2], c[1], c[0]);
			agree(name + " filter" + at, (b, t) -> ops.filter(b, t[0], t[1], s, p, t[2], false), c[0], c[2], c[1]);
			agree(name + " filter, accumulated" + at, (b, t) -> ops.filter(b, t[0], t[1], s, p, t[2], true), c[0],
				c[2], c[1]);
			agree(name + " both, data part" + at, (b, t) -> {
				try (Tensor dw = b.allocate(c[1])) {
					ops.both(b, t[0], t[1], t[2], s, p, t[3], dw, false);
				}
			}, c[0], c[1], c[2], c[0]);
			agree(name + " both, filter part" + at, (b, t) -> {
				try (Tensor dx = b.allocate(c[0])) {
					ops.both(b, t[0], t[1], t[2], s, p, dx, t[3], true);
				}
			}, c[0], c[1], c[2], c[1]);
		}
	}

	@Test
	void conv2dAllDirections() {
		convAllDirections("conv2d", CONV2D, CONV2D_OPS);
	}

	/** x, w, y, stride, pad of 3D transposed convolutions like the generator's (w is [in, out, k, k, k]). */
	private static final int[][][] DECONV3D = { //
		{ { 2, 16, 4, 4, 4 }, { 16, 32, 4, 4, 4 }, { 2, 32, 6, 6, 6 }, { 2, 2 } }, // blocked in and out
		{ { 1, 32, 6, 6, 6 }, { 32, 3, 4, 4, 4 }, { 1, 3, 8, 8, 8 }, { 2, 3 } }, // last layer: 3 phases
		{ { 2, 3, 4, 4, 4 }, { 3, 5, 4, 4, 4 }, { 2, 5, 6, 6, 6 }, { 2, 2 } }, // small channels
		{ { 1, 4, 3, 4, 5 }, { 4, 16, 4, 4, 4 }, { 1, 16, 4, 6, 8 }, { 2, 2 } }, // not a cube
	};

	@Test
	void convTranspose3dAllDirections() {
		for (int[][] c : DECONV3D) {
			int s = c[3][0], p = c[3][1];
			String at = " at " + java.util.Arrays.toString(c[0]) + " → " + java.util.Arrays.toString(c[2]);
			agree("convT3d" + at, (b, t) -> b.convTranspose3d(t[0], t[1], s, p, t[2]), c[0], c[1], c[2]);
			agree("convT3d filter" + at, (b, t) -> b.convTranspose3dBackwardFilter(t[0], t[1], s, p, t[2], false), c[0],
				c[2], c[1]);
			agree("convT3d filter, accumulated" + at, (b, t) -> b.convTranspose3dBackwardFilter(t[0], t[1], s, p, t[2],
				true), c[0], c[2], c[1]);
			agree("convT3d both, data part" + at, (b, t) -> {
				try (Tensor dw = b.allocate(c[1])) {
					b.convTranspose3dBackward(t[0], t[1], t[2], s, p, t[3], dw, false);
				}
			}, c[0], c[1], c[2], c[0]);
		}
	}

	/** x, w, y, stride, pad of 3D convolutions like the resize-convolution generator's last layer. */
	private static final int[][][] CONV3D = { //
		{ { 2, 16, 10, 10, 10 }, { 2, 16, 3, 3, 3 }, { 2, 2, 8, 8, 8 }, { 1, 0 } }, // small: 16 channels to 2 phases
		{ { 1, 32, 8, 8, 8 }, { 3, 32, 3, 3, 3 }, { 1, 3, 6, 6, 6 }, { 1, 0 } }, // rc: 32 channels to 3 phases
		{ { 1, 4, 5, 6, 7 }, { 5, 4, 3, 3, 3 }, { 1, 5, 3, 4, 5 }, { 1, 0 } }, // not a cube, few channels
	};

	@Test
	void conv3dAllDirections() {
		convAllDirections("conv3d", CONV3D, CONV3D_OPS);
	}

	/** A generated volume's last layer: 2 channels padded to 16 would need 72 MB of scratch, so it runs row-major. */
	@Test
	void convTranspose3dWithALargeTwoChannelOutput() {
		int[] x = { 1, 16, 54, 54, 54 }, w = { 16, 2, 4, 4, 4 }, y = { 1, 2, 104, 104, 104 };
		agree("convT3d, large", (b, t) -> b.convTranspose3d(t[0], t[1], 2, 3, t[2]), x, w, y);
		agree("convT3d data, large", (b, t) -> {
			try (Tensor dw = b.allocate(w)) {
				b.convTranspose3dBackward(t[0], t[1], t[2], 2, 3, t[3], dw, false);
			}
		}, x, w, y, x);
		agree("convT3d filter, large", (b, t) -> b.convTranspose3dBackwardFilter(t[0], t[1], 2, 3, t[2], false), x, y,
			w);
	}

	/** The resize convolution's upsampling (oneDNN's linear resampling) and its adjoint; a window stays in Java. */
	@Test
	void trilinearUpsampling() {
		int[][][] cases = { { { 2, 16, 18, 18, 18 }, { 2, 16, 34, 34, 34 } }, { { 1, 3, 3, 4, 5 }, { 1, 3, 4, 6, 8 } },
			{ { 2, 5, 6, 6, 6 }, { 2, 5, 10, 10, 10 } } };
		for (int[][] c : cases) {
			int[] x = c[0], y = c[1];
			String at = " " + java.util.Arrays.toString(x) + " to " + java.util.Arrays.toString(y);
			agree("upsampling" + at, (b, t) -> b.upsampleTrilinear(t[0], Upsampling.whole(t[0], t[1]), t[1]), x, y);
			agree("upsampling adjoint" + at, (b, t) -> b.upsampleTrilinearBackward(t[0], Upsampling.whole(t[1], t[0]),
				t[1]), y, x);
			// after a convolution whose output is blocked, the input arrives in oneDNN's layout
			int[] w = { x[1], x[1], 3, 3, 3 }, x0 = { x[0], x[1], x[2] + 2, x[3] + 2, x[4] + 2 };
			agree("upsampling of a convolution's output" + at, (b, t) -> {
				b.conv3d(t[0], t[1], 1, 0, t[2]);
				b.upsampleTrilinear(t[2], Upsampling.whole(t[2], t[3]), t[3]);
			}, x0, w, x, y);
		}
		Upsampling window = new Upsampling(new double[] { 0.5, 12.0 / 22, 0.5 }, new int[] { 20, 12, 20 }, new int[] {
			3,
			2, 0 }, new int[] { 7, 5, 1 });
		agree("upsampling, a window", (b, t) -> b.upsampleTrilinear(t[0], window, t[1]), new int[] { 1, 2, 5, 5, 5 },
			new int[] { 1, 2, 4, 5, 6 });
	}

	/**
	 * Upsampling into and out of tensors that are not 64-byte aligned: views of the two samples of a batch whose
	 * sample is an odd multiple of 32 bytes, so that one of them is misaligned. oneDNN's kernels fault on such memory
	 * unless it goes through aligned scratch; the results must equal float64's.
	 */
	@Test
	void trilinearUpsamplingOfUnalignedViews() {
		int n = 2, c = 7;
		for (int edge : new int[] { 11, 17, 13, 19, 11, 17 }) {
			int out = 2 * (edge - 1);
			double[] v = new double[n * c * edge * edge * edge], dy = new double[n * c * out * out * out];
			for (int i = 0; i < v.length; i++)
				v[i] = rng.nextGaussian();
			for (int i = 0; i < dy.length; i++)
				dy[i] = rng.nextGaussian();
			double[] up, down;
			try (Tensor x = reference.allocate(n, c, edge, edge, edge); Tensor y = reference.allocate(n, c, out, out,
				out))
			{
				reference.upload(v, x);
				reference.upsampleTrilinear(x, Upsampling.whole(x, y), y);
				up = download(reference, y);
				reference.upload(dy, y);
				reference.upsampleTrilinearBackward(y, Upsampling.whole(x, y), x);
				down = download(reference, x);
			}
			try (Tensor xs = single.allocate(n + 1, c, edge, edge, edge); Tensor ys = single.allocate(n + 1, c, out,
				out, out))
			{
				for (int first = 0; first < 2; first++)
					try (Tensor x = single.rows(xs, first, n); Tensor y = single.rows(ys, first, n)) {
						String at = "edge " + edge + ", from sample " + first;
						single.upload(v, x);
						single.upsampleTrilinear(x, Upsampling.whole(x, y), y);
						assertTrue(relativeError(up, download(single, y)) < TOLERANCE, "upsampling, " + at);
						single.upload(dy, y);
						single.upsampleTrilinearBackward(y, Upsampling.whole(x, y), x);
						assertTrue(relativeError(down, download(single, x)) < TOLERANCE, "adjoint, " + at);
					}
			}
		}
	}

	private static double relativeError(double[] expected, double[] actual) {
		double diff = 0, norm = 0;
		for (int i = 0; i < expected.length; i++) {
			diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
			norm += expected[i] * expected[i];
		}
		return Math.sqrt(diff / norm);
	}

	/** The resize convolution's head: bias and softmax over a convolution's few-channel output, and on their own. */
	@Test
	void channelBiasAndSoftmax() {
		for (int[] y : new int[][] { { 2, 2, 8, 8, 8 }, { 1, 3, 5, 6, 7 }, { 2, 16, 4, 4, 4 } }) {
			int[] c = { y[1] }, w = { y[1], 4, 3, 3, 3 }, x = { y[0], 4, y[2] + 2, y[3] + 2, y[4] + 2 };
			String at = " at " + java.util.Arrays.toString(y);
			agree("channel bias" + at, (b, t) -> b.addChannelBias(t[0], t[1], t[2]), y, c, y);
			agree("channel bias in place" + at, (b, t) -> b.addChannelBias(t[1], t[0], t[1]), 1, -1, c, y);
			agree("conv3d, bias, softmax" + at, (b, t) -> {
				b.conv3d(t[0], t[1], 1, 0, t[3]);
				b.addChannelBias(t[3], t[2], t[3]);
				b.softmaxChannels(t[3], t[3]);
			}, x, w, c, y);
		}
	}

	@Test
	void batchNormalisation() {
		for (int[] x : new int[][] { { 2, 16, 4, 5, 6 }, { 3, 5, 6, 6, 6 }, { 4, 3, 5, 5 } }) {
			int[] c = { x[1] };
			String at = " at " + java.util.Arrays.toString(x);
			agree("batch norm, training" + at, (b, t) -> b.batchNormTrain(t[0], t[1], t[2], 1e-5, t[3], t[4], t[5]), 3,
				-1,
				x, c, c, x, c, c);
			agree("batch norm, backward" + at, (b, t) -> b.batchNormBackward(t[0], t[1], t[2], t[3], t[4], 1e-5, t[5],
				t[6],
				t[7]), 3, 4, x, x, c, c, c, x, c, c);
			agree("batch norm, inference" + at, (b, t) -> b.batchNormInference(t[0], t[1], t[2], t[3], t[4], 1e-5,
				t[5]), 1,
				4, x, c, c, c, c, x);
			agree("batch norm, inference in place" + at, (b, t) -> b.batchNormInference(t[5], t[1], t[2], t[3], t[4],
				1e-5,
				t[5]), 1, 4, x, c, c, c, c, x);
		}
	}

	@Test
	void activations() {
		for (int[] x : new int[][] { { 2, 16, 4, 5, 6 }, { 3, 2, 6, 6, 6 }, { 5, 3, 7, 7 } }) {
			String at = " at " + java.util.Arrays.toString(x);
			agree("relu" + at, (b, t) -> b.relu(t[0], t[1]), x, x);
			agree("relu in place" + at, (b, t) -> b.relu(t[0], t[0]), 1, -1, x);
			agree("relu mask" + at, (b, t) -> b.reluMask(t[0], t[1], t[2]), x, x, x);
			agree("relu mask in place" + at, (b, t) -> b.reluMask(t[0], t[1], t[1]), 1, -1, x, x);
			// the softmax is the generator's head, over volumes (ND4J's float softmax of 4D images is wrong)
			if (x.length == 4) continue;
			agree("softmax" + at, (b, t) -> b.softmaxChannels(t[0], t[1]), x, x);
			agree("softmax in place" + at, (b, t) -> b.softmaxChannels(t[0], t[0]), 1, -1, x);
			agree("softmax backward" + at, (b, t) -> {
				b.softmaxChannels(t[0], t[0]);
				b.softmaxChannelsBackward(t[0], t[1], t[2]);
			}, x, x, x);
		}
	}

	@Test
	void loops() {
		agree("adam", (b, t) -> b.adamStep(t[1], t[0], t[2], t[3], 1e-3, 0.9, 0.99, 1e-8, 3), 3, 3, new int[] { 5000 },
			new int[] { 5000 }, new int[] { 5000 }, new int[] { 5000 });
		int[] picks = { 0, 3, 5, 1, 0, 0, 1, 12, 16, 0, 7, 2 };
		agree("crops", (b, t) -> b.gatherCrops(t[0], picks, 8, t[1]), new int[] { 2, 3, 20, 24 }, new int[] { 4, 3, 8,
			8 });
		agree("interpolation", (b, t) -> b.interpolateRows(t[0], new int[] { 4, 0, 2 }, t[1], new int[] { 1, 6, 6 },
			new double[] { 0.25, 0.5, 0.9 }, t[2]), new int[] { 5, 2, 6, 6 }, new int[] { 7, 2, 6, 6 }, new int[] { 3,
				2,
				6, 6 });
		agree("norm penalty", (b, t) -> b.normPenalty(t[0], 1.0, 10.0 / 3, t[1], t[2], 1), 3, -1, new int[] { 3, 2, 30,
			30 }, new int[] { 3 }, new int[] { 4 });
		agree("sum", (b, t) -> b.accumulateSum(t[0], -0.5, t[1], 2), new int[] { 7, 1, 1, 1 }, new int[] { 4 });
		agree("scale", (b, t) -> b.scale(t[0], -0.7), 1, -1, new int[] { 3, 1000 });
		agree("axpy", (b, t) -> b.axpy(0.3, t[0], t[1]), new int[] { 5000 }, new int[] { 5000 });
		agree("fill", (b, t) -> b.fill(t[0], 0.25), 1, -1, new int[] { 7, 3 });
	}

	@Test
	void slicing() {
		int[] v = { 2, 3, 4, 5, 6 };
		for (int axis = 0; axis < 3; axis++) {
			int a = axis;
			int[] s = { 2 * v[2 + a], 3, a == 0 ? 5 : 4, a == 2 ? 5 : 6 };
			agree("slices along " + a, (b, t) -> b.sliceVolumes(t[0], a, t[1]), v, s);
			agree("unslice along " + a, (b, t) -> b.unsliceVolumes(t[0], a, t[1], false), s, v);
			agree("unslice along " + a + ", adding", (b, t) -> b.unsliceVolumes(t[0], a, t[1], true), s, v);
		}
	}
}

package sc.fiji.slicegan.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sc.fiji.slicegan.nn.FiniteDifferences.download;
import static sc.fiji.slicegan.nn.FiniteDifferences.random;
import static sc.fiji.slicegan.nn.FiniteDifferences.relativeError;

import java.util.Random;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.nn.FiniteDifferences;

/**
 * Every op with a backward pass against central differences in float64: for an op y = f(x) the test takes
 * the scalar ⟨R, f(x)⟩ with a random R, whose gradient is the op's backward applied to R.
 */
class OpGradientTest {

	static final double TOLERANCE = 1e-5;
	static Backend be;
	final Random rng = new Random(7);

	@BeforeAll
	static void open() {
		be = new Nd4jBackend(Precision.DOUBLE);
	}

	@AfterAll
	static void close() {
		be.close();
	}

	/** ⟨R, op(inputs)⟩ with the op writing into y. */
	private double probe(Tensor r, Tensor y, Runnable op) {
		op.run();
		return FiniteDifferences.dot(be, r, y);
	}

	private void check(String what, Tensor input, double[] analytic, Tensor r, Tensor y, Runnable op) {
		double err = relativeError(be, input, analytic, () -> probe(r, y, op), 40, rng);
		assertTrue(err < TOLERANCE, what + ": relative error " + err);
	}

	@Test
	void conv2d() {
		Tensor x = random(be, rng, 2, 3, 8, 8), w = random(be, rng, 4, 3, 4, 4);
		Tensor y = be.allocate(2, 4, 4, 4), r = random(be, rng, 2, 4, 4, 4);
		Tensor dx = be.allocate(x.shape()), dw = be.allocate(w.shape());
		Runnable op = () -> be.conv2d(x, w, 2, 1, y);
		be.conv2dBackwardData(r, w, 2, 1, dx);
		be.conv2dBackwardFilter(x, r, 2, 1, dw, false);
		check("conv2d dx", x, download(be, dx), r, y, op);
		check("conv2d dw", w, download(be, dw), r, y, op);
		// the combined backward and accumulation agree with the separate ones
		Tensor dx2 = be.allocate(x.shape()), dw2 = be.allocate(w.shape());
		be.copy(dw, dw2);
		be.conv2dBackward(x, w, r, 2, 1, dx2, dw2, true);
		assertArrayClose(download(be, dx), download(be, dx2), 1e-12);
		double[] twice = download(be, dw);
		for (int i = 0; i < twice.length; i++)
			twice[i] *= 2;
		assertArrayClose(twice, download(be, dw2), 1e-12);
	}

	@Test
	void convTranspose3d() {
		Tensor x = random(be, rng, 2, 3, 4, 4, 4), w = random(be, rng, 3, 2, 4, 4, 4);
		Tensor y = be.allocate(2, 2, 6, 6, 6), r = random(be, rng, 2, 2, 6, 6, 6);
		Tensor dx = be.allocate(x.shape()), dw = be.allocate(w.shape());
		Runnable op = () -> be.convTranspose3d(x, w, 2, 2, y);
		be.convTranspose3dBackward(x, w, r, 2, 2, dx, dw, false);
		check("convT3d dx", x, download(be, dx), r, y, op);
		check("convT3d dw", w, download(be, dw), r, y, op);
		Tensor dw2 = be.allocate(w.shape());
		be.convTranspose3dBackwardFilter(x, r, 2, 2, dw2, false);
		assertArrayClose(download(be, dw), download(be, dw2), 1e-12);
	}

	@Test
	void conv3d() {
		// stride 1 without padding (the resize convolution), stride 2 with padding, and a size whose data gradient is
		// no transposed convolution's whole output (stride 2 over an even edge)
		int[][] cases = { { 6, 1, 0 }, { 7, 2, 1 }, { 8, 2, 1 } };
		for (int[] c : cases) {
			int n = c[0], s = c[1], p = c[2], o = (n + 2 * p - 3) / s + 1;
			Tensor x = random(be, rng, 2, 3, n, n, n), w = random(be, rng, 4, 3, 3, 3, 3);
			Tensor y = be.allocate(2, 4, o, o, o), r = random(be, rng, y.shape());
			Tensor dx = be.allocate(x.shape()), dw = be.allocate(w.shape());
			Runnable op = () -> be.conv3d(x, w, s, p, y);
			be.conv3dBackwardData(r, w, s, p, dx);
			be.conv3dBackwardFilter(x, r, s, p, dw, false);
			String what = "conv3d " + java.util.Arrays.toString(c);
			check(what + " dx", x, download(be, dx), r, y, op);
			check(what + " dw", w, download(be, dw), r, y, op);
			Tensor dx2 = be.allocate(x.shape()), dw2 = be.allocate(w.shape());
			be.copy(dw, dw2);
			be.conv3dBackward(x, w, r, s, p, dx2, dw2, true);
			assertArrayClose(download(be, dx), download(be, dx2), 1e-12);
			double[] twice = download(be, dw);
			for (int i = 0; i < twice.length; i++)
				twice[i] *= 2;
			assertArrayClose(twice, download(be, dw2), 1e-12);
			be.conv3dBackward(x, w, r, s, p, null, dw2, false);
			assertArrayClose(download(be, dw), download(be, dw2), 1e-12);
		}
	}

	/** PyTorch's F.interpolate(x, size=(2, 4, 6), mode='trilinear', align_corners=False) of x = i^1.5 / 7, i = 0..23. */
	private static final double[] TORCH_UPSAMPLED = { 0, 0.071428571428571411, 0.18639112201776639, 0.36052703866026076,
		0.57318425338948731, 0.74230748895809029, 0.71428571428571419, 0.88305088783477437, 1.120471639420261,
		1.3950939515659651, 1.6978547036885221, 1.9319598777746529, 1.9264687677483672, 2.1855709859946724,
		2.5382783311786326, 2.9126988389292512, 3.3071690719422819, 3.6080341780176584, 3.2324881425670746,
		3.5448154998549657, 3.9672089667067567, 4.4074734049623565, 4.8646892353995144, 5.2118389562727714,
		5.9384599116647223, 6.3172418544774942, 6.8272389599998684, 7.3520996108382803, 7.8912824005676026,
		8.2992500275873216, 7.9412081811599844, 8.3552512148710338, 8.9118739931197162, 9.482192971270246,
		10.065776091972669, 10.506779468137459, 10.505859951785263, 10.959771466604407, 11.569155764249039,
		12.191046895550979, 12.825114970839497, 13.303710263302529, 12.777531299998799, 13.262629192433158,
		13.913323683011395, 14.575710075586901, 15.249519410879142, 15.757732148027506 };

	@Test
	void upsamplingMatchesPyTorch() {
		Tensor x = be.allocate(1, 1, 2, 3, 4), y = be.allocate(1, 1, 2, 4, 6);
		double[] v = new double[24];
		for (int i = 0; i < v.length; i++)
			v[i] = Math.pow(i, 1.5) / 7;
		be.upload(v, x);
		be.upsampleTrilinear(x, Upsampling.whole(x, y), y);
		assertArrayClose(TORCH_UPSAMPLED, download(be, y), 1e-12);
	}

	@Test
	void upsamplingAndItsAdjoint() {
		// a whole upsampling (PyTorch's scales, per axis) and a window of a larger one (as generation in slabs)
		Tensor x = random(be, rng, 2, 3, 3, 4, 5), y = be.allocate(2, 3, 4, 6, 8);
		Upsampling whole = Upsampling.whole(x, y);
		Tensor xw = random(be, rng, 1, 2, 5, 5, 5), yw = be.allocate(1, 2, 4, 5, 6);
		Upsampling window = new Upsampling(new double[] { 0.5, 12.0 / 22, 0.5 }, new int[] { 20, 12, 20 }, new int[] {
			3,
			2, 0 }, new int[] { 7, 5, 1 });
		for (Object[] c : new Object[][] { { x, whole, y }, { xw, window, yw } }) {
			Tensor in = (Tensor) c[0], out = (Tensor) c[2];
			Upsampling at = (Upsampling) c[1];
			Tensor r = random(be, rng, out.shape()), dx = random(be, rng, in.shape());
			be.upsampleTrilinearBackward(r, at, dx);
			check("upsampling " + at, in, download(be, dx), r, out, () -> be.upsampleTrilinear(in, at, out));
		}
		// a window reading inputs outside its tensor is refused
		Upsampling outside = new Upsampling(new double[] { 0.5, 0.5, 0.5 }, new int[] { 20, 20, 20 }, new int[] { 5, 0,
			0 }, new int[] { 7, 0, 0 });
		org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> be.upsampleTrilinear(xw,
			outside, yw));
	}

	@Test
	void channelBias() {
		Tensor x = random(be, rng, 2, 3, 2, 3, 4), b = random(be, rng, 3), y = be.allocate(x.shape()), r = random(be,
			rng, x.shape()), db = be.allocate(3);
		Runnable op = () -> be.addChannelBias(x, b, y);
		be.channelBiasBackward(r, db);
		check("bias db", b, download(be, db), r, y, op);
		check("bias dx", x, download(be, r), r, y, op);
		// in place
		op.run();
		be.addChannelBias(x, b, x);
		assertArrayClose(download(be, y), download(be, x), 1e-12);
	}

	@Test
	void batchNormTrain() {
		Tensor x = random(be, rng, 3, 4, 3, 3, 3), g = random(be, rng, 4), b = random(be, rng, 4);
		Tensor y = be.allocate(x.shape()), r = random(be, rng, x.shape());
		Tensor mean = be.allocate(4), var = be.allocate(4);
		Runnable op = () -> be.batchNormTrain(x, g, b, 1e-5, y, mean, var);
		op.run();
		Tensor dx = be.allocate(x.shape()), dg = be.allocate(4), db = be.allocate(4);
		be.batchNormBackward(x, r, g, mean, var, 1e-5, dx, dg, db);
		check("bn dx", x, download(be, dx), r, y, op);
		check("bn dgamma", g, download(be, dg), r, y, op);
		check("bn dbeta", b, download(be, db), r, y, op);
	}

	@Test
	void batchNormInferenceUsesGivenStatistics() {
		Tensor x = random(be, rng, 2, 3, 2, 2, 2), g = random(be, rng, 3), b = random(be, rng, 3);
		Tensor mean = random(be, rng, 3), var = be.allocate(3), y = be.allocate(x.shape());
		be.upload(new double[] { 0.5, 2, 3 }, var);
		be.batchNormInference(x, g, b, mean, var, 1e-5, y);
		double[] xs = download(be, x), ys = download(be, y), gs = download(be, g), bs = download(be, b), ms =
			download(be, mean), vs = download(be, var);
		for (int i = 0; i < xs.length; i++) {
			int c = (i / 8) % 3;
			assertEquals(gs[c] * (xs[i] - ms[c]) / Math.sqrt(vs[c] + 1e-5) + bs[c], ys[i], 1e-12);
		}
	}

	private void checkActivation(String what, BiConsumer<Tensor, Tensor> forward, Backward backward) {
		Tensor x = random(be, rng, 2, 3, 4, 4, 4), y = be.allocate(x.shape()), r = random(be, rng, x.shape());
		Tensor dx = be.allocate(x.shape());
		forward.accept(x, y);
		backward.apply(x, y, r, dx);
		check(what, x, download(be, dx), r, y, () -> forward.accept(x, y));
	}

	interface Backward {
		void apply(Tensor x, Tensor y, Tensor dy, Tensor dx);
	}

	@Test
	void activations() {
		checkActivation("softmax", be::softmaxChannels, (x, y, dy, dx) -> be.softmaxChannelsBackward(y, dy, dx));
		checkActivation("tanh unit", be::tanhUnit, (x, y, dy, dx) -> be.tanhUnitBackward(y, dy, dx));
		checkActivation("relu", be::relu, (x, y, dy, dx) -> be.reluMask(x, dy, dx));
		checkActivation("relu (mask from output)", be::relu, (x, y, dy, dx) -> be.reluMask(y, dy, dx));
	}

	@Test
	void slicingIsAPermutationAndUnslicingItsAdjoint() {
		int b = 2, c = 3, l = 4;
		Tensor v = random(be, rng, b, c, l, l, l);
		double[] vs = download(be, v);
		for (int axis = 0; axis < 3; axis++) {
			Tensor s = be.allocate(b * l, c, l, l), r = random(be, rng, b * l, c, l, l);
			be.sliceVolumes(v, axis, s);
			double[] ss = download(be, s);
			for (int vb = 0; vb < b; vb++)
				for (int j = 0; j < l; j++)
					for (int ch = 0; ch < c; ch++)
						for (int p = 0; p < l; p++)
							for (int q = 0; q < l; q++) {
								int[] zyx = axis == 0 ? new int[] { j, p, q } : axis == 1 ? new int[] { p, j, q }
									: new int[] { p, q, j };
								double expected = vs[(((vb * c + ch) * l + zyx[0]) * l + zyx[1]) * l + zyx[2]];
								assertEquals(expected, ss[(((vb * l + j) * c + ch) * l + p) * l + q], 0, "axis " +
									axis);
							}
			Tensor dv = be.allocate(v.shape());
			be.unsliceVolumes(r, axis, dv, false);
			final int ax = axis;
			check("unslice axis " + axis, v, download(be, dv), r, s, () -> be.sliceVolumes(v, ax, s));
		}
	}

	@Test
	void cropsAndInterpolation() {
		Tensor stack = random(be, rng, 2, 3, 10, 12);
		Tensor out = be.allocate(2, 3, 4, 4);
		be.gatherCrops(stack, new int[] { 1, 5, 7, 0, 0, 0 }, 4, out);
		double[] st = download(be, stack), o = download(be, out);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 4; y++)
				for (int x = 0; x < 4; x++) {
					assertEquals(st[((1 * 3 + c) * 10 + 5 + y) * 12 + 7 + x], o[(c * 4 + y) * 4 + x], 0);
					assertEquals(st[(c * 10 + y) * 12 + x], o[((3 + c) * 4 + y) * 4 + x], 0);
				}
		Tensor a = random(be, rng, 3, 2), b = random(be, rng, 4, 2), mix = be.allocate(2, 2);
		be.interpolateRows(a, new int[] { 2, 0 }, b, new int[] { 1, 3 }, new double[] { 0.25, 1 }, mix);
		double[] as = download(be, a), bs = download(be, b), ms = download(be, mix);
		assertEquals(0.25 * as[4] + 0.75 * bs[2], ms[0], 1e-12);
		assertEquals(as[1], ms[3], 1e-12);
	}

	/** The norm penalty's value against a direct sum, and its gradient against central differences of the value. */
	@Test
	void normPenalty() {
		double target = 1, weight = 2.5;
		Tensor g = random(be, rng, 3, 5), norms = be.allocate(3), acc = be.allocate(2);
		double[] gs = download(be, g);
		be.normPenalty(g, target, weight, norms, acc, 1);
		double[] grad = download(be, g), n = download(be, norms);
		double expected = penalty(gs, 3, target, weight);
		assertEquals(expected, download(be, acc)[1], 1e-12);
		assertEquals(0, download(be, acc)[0], 0);
		double h = 1e-6;
		for (int i = 0; i < gs.length; i++) {
			double[] up = gs.clone(), down = gs.clone();
			up[i] += h;
			down[i] -= h;
			double fd = (penalty(up, 3, target, weight) - penalty(down, 3, target, weight)) / (2 * h);
			assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "dP/dg[" + i + "]");
		}
		for (int r = 0; r < 3; r++) {
			double s = 0;
			for (int j = 0; j < 5; j++)
				s += gs[r * 5 + j] * gs[r * 5 + j];
			assertEquals(Math.sqrt(s), n[r], 1e-12);
		}
		be.upload(new double[15], g);
		be.normPenalty(g, target, weight, null, acc, 0);
		assertEquals(weight * 3, download(be, acc)[0], 1e-12, "zero rows: (0 − 1)² each, and no gradient");
		for (double v : download(be, g))
			assertEquals(0, v, 0);
	}

	private static double penalty(double[] g, int rows, double target, double weight) {
		int row = g.length / rows;
		double p = 0;
		for (int r = 0; r < rows; r++) {
			double s = 0;
			for (int j = 0; j < row; j++)
				s += g[r * row + j] * g[r * row + j];
			p += (Math.sqrt(s) - target) * (Math.sqrt(s) - target);
		}
		return weight * p;
	}

	@Test
	void sumsRowViewsAndAdam() {
		Tensor x = random(be, rng, 3, 5), acc = be.allocate(2);
		double[] xs = download(be, x);
		double total = 0;
		for (double v : xs)
			total += v;
		assertEquals(total, be.sum(x), 1e-12);
		be.accumulateSum(x, 0.5, acc, 1);
		be.accumulateSum(x, 0.25, acc, 1);
		assertEquals(0.75 * total, download(be, acc)[1], 1e-12);
		try (Tensor middle = be.rows(x, 1, 1)) {
			assertEquals(5, middle.size());
			be.fill(middle, 2);
		}
		double[] after = download(be, x);
		for (int i = 0; i < 15; i++)
			assertEquals(i >= 5 && i < 10 ? 2 : xs[i], after[i], 0, "only row 1 of the view is filled");
		Tensor p = random(be, rng, 4), g = random(be, rng, 4), m = be.allocate(4), v = be.allocate(4);
		double[] ps = download(be, p), gs = download(be, g), ms = new double[4], vs = new double[4];
		for (int step = 1; step <= 3; step++) {
			be.adamStep(p, g, m, v, 0.01, 0.9, 0.99, 1e-8, step);
			for (int i = 0; i < 4; i++) {
				ms[i] = 0.9 * ms[i] + 0.1 * gs[i];
				vs[i] = 0.99 * vs[i] + 0.01 * gs[i] * gs[i];
				ps[i] -= 0.01 * (ms[i] / (1 - Math.pow(0.9, step))) / (Math.sqrt(vs[i] / (1 - Math.pow(0.99, step))) +
					1e-8);
			}
		}
		assertArrayClose(ps, download(be, p), 1e-12);
	}

	@Test
	void argmax() {
		Tensor x = be.allocate(2, 3, 1, 1, 2);
		be.upload(new double[] { 0, 0, 0, 0, 0, 0, 4, 0, 0, 5, 3, 1 }, x);
		byte[] labels = new byte[2];
		be.argmaxChannels(x, 1, labels);
		assertEquals(0, labels[0]);
		assertEquals(1, labels[1]);
		// labels of a window, through a table, as planes
		Tensor y = random(be, rng, 1, 3, 4, 5, 6);
		double[] v = download(be, y);
		byte[] lut = { 7, 9, (byte) 200 };
		byte[][] planes = new byte[4][];
		be.argmaxLabels(y, new int[] { 1, 2, 3 }, new int[] { 2, 3, 2 }, lut, planes, 1);
		for (int z = 0; z < 2; z++)
			for (int r = 0; r < 3; r++)
				for (int c = 0; c < 2; c++) {
					int at = ((z + 1) * 5 + r + 2) * 6 + c + 3, best = 0;
					for (int ch = 1; ch < 3; ch++)
						if (v[ch * 120 + at] > v[best * 120 + at]) best = ch;
					assertEquals(lut[best], planes[1 + z][r * 2 + c]);
				}
	}

	static void assertArrayClose(double[] a, double[] b, double tol) {
		assertEquals(a.length, b.length);
		for (int i = 0; i < a.length; i++)
			assertEquals(a[i], b[i], tol * Math.max(1, Math.abs(a[i])), "index " + i);
	}
}

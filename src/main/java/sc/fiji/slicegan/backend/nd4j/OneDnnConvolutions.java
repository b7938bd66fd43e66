package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Arrays;

import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.deconvolution_backward_data;
import org.bytedeco.dnnl.deconvolution_backward_weights;
import org.bytedeco.dnnl.deconvolution_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolutions as oneDNN primitives, each gradient on its own: a filter gradient computes no data gradient and
 * a data gradient no filter gradient. Primitives are built once per shape and reused; activations and weights are
 * reordered between PyTorch's layouts (NCHW / NCDHW, conv weights [out, in, k…], transposed-conv weights
 * [in, out, k…]) and the blocked layouts the primitives prefer. Float32 only.
 */
final class OneDnnConvolutions implements AutoCloseable {

	private final PlanCache plans = new PlanCache();
	private final ScratchArena arena = new ScratchArena(3);

	private enum Kind {
		CONV_FORWARD, CONV_DATA, CONV_FILTER, DECONV_FORWARD, DECONV_DATA, DECONV_FILTER
	}

	/** Geometry of one convolution: x is the convolution's input, y its output, w its weights (our layout). */
	private static final class Geometry {
		final long[] x, y, w, strides, padL, padR;
		/** w's dimensions in oneDNN's order [out, in, k…] and its row-major layout as a format tag */
		final long[] wDims;
		final memory.format_tag wTag;

		/**
		 * @param transposed whether w is a transposed convolution's [in, out, k…] (x then is the transposed conv's
		 *          input, and oneDNN's deconvolution sees it as its source)
		 */
		Geometry(long[] x, long[] y, long[] w, int stride, int pad, boolean transposed) {
			this.x = x;
			this.y = y;
			this.w = w;
			int spatial = x.length - 2;
			strides = new long[spatial];
			padL = new long[spatial];
			padR = new long[spatial];
			long k = w[2];
			for (int i = 0; i < spatial; i++) {
				strides[i] = stride;
				padL[i] = pad;
				// the right padding that gives exactly the output size (PyTorch floors; oneDNN wants it exact)
				long small = transposed ? x[i + 2] : y[i + 2], large = transposed ? y[i + 2] : x[i + 2];
				padR[i] = (small - 1) * stride + k - large - pad;
			}
			if (transposed) {
				wDims = w.clone();
				wDims[0] = w[1];
				wDims[1] = w[0];
				wTag = spatial == 3 ? memory.format_tag.iodhw : memory.format_tag.iohw;
			}
			else {
				wDims = w;
				wTag = spatial == 3 ? memory.format_tag.oidhw : memory.format_tag.oihw;
			}
		}

		memory.desc any(long[] dims) {
			return OneDnn.desc(dims, memory.format_tag.any);
		}

		memory.desc weights() {
			return OneDnn.desc(wDims, wTag);
		}
	}

	private PrimitivePlan plan(Kind kind, INDArray x, INDArray y, INDArray w, int stride, int pad, boolean accumulate) {
		String key = kind + Arrays.toString(x.shape()) + Arrays.toString(y.shape()) + Arrays.toString(w.shape()) + stride +
			"/" + pad + (accumulate ? "+" : "");
		return plans.get(key, () -> build(kind, new Geometry(x.shape(), y.shape(), w.shape(), stride, pad, kind
			.ordinal() >= Kind.DECONV_FORWARD.ordinal()), accumulate));
	}

	private PrimitivePlan build(Kind kind, Geometry g, boolean accumulate) {
		memory.desc xAny = g.any(g.x), yAny = g.any(g.y), wAny = g.any(g.wDims);
		memory.desc xPlain = OneDnn.plain(g.x), yPlain = OneDnn.plain(g.y), wUser = g.weights();
		switch (kind) {
			case CONV_FORWARD: {
				convolution_forward.primitive_desc f = convForward(g);
				return new PrimitivePlan(new convolution_forward(f), arena).input(DNNL_ARG_SRC, xPlain, f.src_desc()).input(
					DNNL_ARG_WEIGHTS, wUser, f.weights_desc()).output(DNNL_ARG_DST, yPlain, f.dst_desc(), false);
			}
			case CONV_DATA: {
				convolution_backward_data.primitive_desc d = new convolution_backward_data.primitive_desc(
					new convolution_backward_data.desc(algorithm.convolution_direct, xAny, wAny, yAny, g.strides, g.padL,
						g.padR), OneDnn.engine(), convForward(g));
				return new PrimitivePlan(new convolution_backward_data(d), arena).input(DNNL_ARG_DIFF_DST, yPlain, d
					.diff_dst_desc()).input(DNNL_ARG_WEIGHTS, wUser, d.weights_desc()).output(DNNL_ARG_DIFF_SRC, xPlain, d
						.diff_src_desc(), false);
			}
			case CONV_FILTER: {
				convolution_backward_weights.primitive_desc d = new convolution_backward_weights.primitive_desc(
					new convolution_backward_weights.desc(algorithm.convolution_direct, xAny, wAny, yAny, g.strides, g.padL,
						g.padR), OneDnn.engine(), convForward(g));
				return new PrimitivePlan(new convolution_backward_weights(d), arena).input(DNNL_ARG_SRC, xPlain, d
					.src_desc()).input(DNNL_ARG_DIFF_DST, yPlain, d.diff_dst_desc()).output(DNNL_ARG_DIFF_WEIGHTS, wUser, d
						.diff_weights_desc(), accumulate);
			}
			case DECONV_FORWARD: {
				deconvolution_forward.primitive_desc f = deconvForward(g);
				return new PrimitivePlan(new deconvolution_forward(f), arena).input(DNNL_ARG_SRC, xPlain, f.src_desc())
					.input(DNNL_ARG_WEIGHTS, wUser, f.weights_desc()).output(DNNL_ARG_DST, yPlain, f.dst_desc(), false);
			}
			case DECONV_DATA: {
				deconvolution_backward_data.primitive_desc d = new deconvolution_backward_data.primitive_desc(
					new deconvolution_backward_data.desc(algorithm.deconvolution_direct, xAny, wAny, yAny, g.strides, g.padL,
						g.padR), OneDnn.engine(), deconvForward(g));
				return new PrimitivePlan(new deconvolution_backward_data(d), arena).input(DNNL_ARG_DIFF_DST, yPlain, d
					.diff_dst_desc()).input(DNNL_ARG_WEIGHTS, wUser, d.weights_desc()).output(DNNL_ARG_DIFF_SRC, xPlain, d
						.diff_src_desc(), false);
			}
			case DECONV_FILTER: {
				deconvolution_backward_weights.primitive_desc d = new deconvolution_backward_weights.primitive_desc(
					new deconvolution_backward_weights.desc(algorithm.deconvolution_direct, xAny, wAny, yAny, g.strides,
						g.padL, g.padR), OneDnn.engine(), deconvForward(g));
				return new PrimitivePlan(new deconvolution_backward_weights(d), arena).input(DNNL_ARG_SRC, xPlain, d
					.src_desc()).input(DNNL_ARG_DIFF_DST, yPlain, d.diff_dst_desc()).output(DNNL_ARG_DIFF_WEIGHTS, wUser, d
						.diff_weights_desc(), accumulate);
			}
			default: throw new IllegalStateException(kind.name());
		}
	}

	private static convolution_forward.primitive_desc convForward(Geometry g) {
		return new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
			algorithm.convolution_direct, g.any(g.x), g.any(g.wDims), g.any(g.y), g.strides, g.padL, g.padR), OneDnn
				.engine());
	}

	private static deconvolution_forward.primitive_desc deconvForward(Geometry g) {
		return new deconvolution_forward.primitive_desc(new deconvolution_forward.desc(prop_kind.forward_training,
			algorithm.deconvolution_direct, g.any(g.x), g.any(g.wDims), g.any(g.y), g.strides, g.padL, g.padR), OneDnn
				.engine());
	}

	private static long at(INDArray a) {
		return OneDnn.address(a);
	}

	void conv2d(INDArray x, INDArray w, int stride, int pad, INDArray y) {
		plan(Kind.CONV_FORWARD, x, y, w, stride, pad, false).execute(at(x), at(w), at(y));
	}

	void conv2dBackwardData(INDArray dy, INDArray w, int stride, int pad, INDArray dx) {
		plan(Kind.CONV_DATA, dx, dy, w, stride, pad, false).execute(at(dy), at(w), at(dx));
	}

	void conv2dBackwardFilter(INDArray x, INDArray dy, int stride, int pad, INDArray dw, boolean accumulate) {
		plan(Kind.CONV_FILTER, x, dy, dw, stride, pad, accumulate).execute(at(x), at(dy), at(dw));
	}

	void convTranspose3d(INDArray x, INDArray w, int stride, int pad, INDArray y) {
		plan(Kind.DECONV_FORWARD, x, y, w, stride, pad, false).execute(at(x), at(w), at(y));
	}

	void convTranspose3dBackwardData(INDArray dy, INDArray w, int stride, int pad, INDArray dx) {
		plan(Kind.DECONV_DATA, dx, dy, w, stride, pad, false).execute(at(dy), at(w), at(dx));
	}

	void convTranspose3dBackwardFilter(INDArray x, INDArray dy, int stride, int pad, INDArray dw, boolean accumulate) {
		plan(Kind.DECONV_FILTER, x, dy, dw, stride, pad, accumulate).execute(at(x), at(dy), at(dw));
	}

	@Override
	public void close() {
		plans.close();
		arena.close();
	}
}

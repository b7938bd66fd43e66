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

/**
 * The convolutions as oneDNN primitives, each gradient on its own: a filter gradient computes no data gradient and
 * a data gradient no filter gradient. Primitives are built once per shape and reused. Activations stay in the
 * blocked layouts the primitives prefer from one primitive to the next (see {@link PrimitivePlan}); weights are
 * kept in PyTorch's layouts (conv [out, in, k…], transposed conv [in, out, k…]) and read from a reordered copy
 * that is refreshed when they change. Float32 only.
 */
final class OneDnnConvolutions implements AutoCloseable {

	private final PlanCache plans = new PlanCache();
	private final Layouts layouts;
	private final ScratchArena arena;

	OneDnnConvolutions(Layouts layouts, ScratchArena arena) {
		this.layouts = layouts;
		this.arena = arena;
	}

	private enum Kind {
		CONV_FORWARD, CONV_DATA, CONV_FILTER, DECONV_FORWARD, DECONV_DATA, DECONV_FILTER
	}

	/** Geometry of one convolution: x is the convolution's input, y its output, w its weights (our layout). */
	private static final class Geometry {
		final long[] x, y, w, strides, padL, padR;
		/** w's dimensions in oneDNN's order [out, in, k…] */
		final long[] wDims;

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
			}
			else wDims = w;
		}

		memory.desc any(long[] dims) {
			return OneDnn.desc(dims, memory.format_tag.any);
		}

		/**
		 * A weights layout of oneDNN's [out, in, k…] dimensions seen with the dimensions of our weights tensor (the
		 * same, or in and out swapped for a transposed convolution), so that it compares with our tensor's layouts.
		 */
		memory.desc weights(memory.desc preferred) {
			return wDims == w ? preferred : preferred.permute_axes(swapFirstTwo(w.length));
		}

		private static int[] swapFirstTwo(int rank) {
			int[] p = new int[rank];
			for (int i = 0; i < rank; i++)
				p[i] = i;
			p[0] = 1;
			p[1] = 0;
			return p;
		}
	}

	private PrimitivePlan plan(Kind kind, Nd4jTensor x, Nd4jTensor y, Nd4jTensor w, int stride, int pad,
		boolean accumulate)
	{
		long[] xs = x.array.shape(), ys = y.array.shape(), ws = w.array.shape();
		String key = kind + Arrays.toString(xs) + Arrays.toString(ys) + Arrays.toString(ws) + stride + "/" + pad +
			(accumulate ? "+" : "");
		return plans.get(key, () -> build(kind, new Geometry(xs, ys, ws, stride, pad, kind.ordinal() >= Kind.DECONV_FORWARD
			.ordinal()), accumulate));
	}

	private PrimitivePlan build(Kind kind, Geometry g, boolean accumulate) {
		memory.desc xAny = g.any(g.x), yAny = g.any(g.y), wAny = g.any(g.wDims);
		switch (kind) {
			case CONV_FORWARD: {
				convolution_forward.primitive_desc f = convForward(g);
				return plan(new convolution_forward(f)).input(DNNL_ARG_SRC, f.src_desc(), g.x).weights(DNNL_ARG_WEIGHTS, f
					.weights_desc(), g.weights(f.weights_desc()), g.w).output(DNNL_ARG_DST, f.dst_desc(), g.y, false);
			}
			case CONV_DATA: {
				convolution_backward_data.primitive_desc d = new convolution_backward_data.primitive_desc(
					new convolution_backward_data.desc(algorithm.convolution_direct, xAny, wAny, yAny, g.strides, g.padL,
						g.padR), OneDnn.engine(), convForward(g));
				return plan(new convolution_backward_data(d)).input(DNNL_ARG_DIFF_DST, d.diff_dst_desc(), g.y).weights(
					DNNL_ARG_WEIGHTS, d.weights_desc(), g.weights(d.weights_desc()), g.w).output(DNNL_ARG_DIFF_SRC, d.diff_src_desc(), g.x,
						false);
			}
			case CONV_FILTER: {
				convolution_backward_weights.primitive_desc d = new convolution_backward_weights.primitive_desc(
					new convolution_backward_weights.desc(algorithm.convolution_direct, xAny, wAny, yAny, g.strides, g.padL,
						g.padR), OneDnn.engine(), convForward(g));
				return plan(new convolution_backward_weights(d)).input(DNNL_ARG_SRC, d.src_desc(), g.x).input(
					DNNL_ARG_DIFF_DST, d.diff_dst_desc(), g.y).output(DNNL_ARG_DIFF_WEIGHTS, d.diff_weights_desc(), g
						.weights(d.diff_weights_desc()), g.w, accumulate);
			}
			case DECONV_FORWARD: {
				deconvolution_forward.primitive_desc f = deconvForward(g);
				return plan(new deconvolution_forward(f)).input(DNNL_ARG_SRC, f.src_desc(), g.x).weights(DNNL_ARG_WEIGHTS, f
					.weights_desc(), g.weights(f.weights_desc()), g.w).output(DNNL_ARG_DST, f.dst_desc(), g.y, false);
			}
			case DECONV_DATA: {
				deconvolution_backward_data.primitive_desc d = new deconvolution_backward_data.primitive_desc(
					new deconvolution_backward_data.desc(algorithm.deconvolution_direct, xAny, wAny, yAny, g.strides, g.padL,
						g.padR), OneDnn.engine(), deconvForward(g));
				return plan(new deconvolution_backward_data(d)).input(DNNL_ARG_DIFF_DST, d.diff_dst_desc(), g.y).weights(
					DNNL_ARG_WEIGHTS, d.weights_desc(), g.weights(d.weights_desc()), g.w).output(DNNL_ARG_DIFF_SRC, d.diff_src_desc(), g.x,
						false);
			}
			case DECONV_FILTER: {
				deconvolution_backward_weights.primitive_desc d = new deconvolution_backward_weights.primitive_desc(
					new deconvolution_backward_weights.desc(algorithm.deconvolution_direct, xAny, wAny, yAny, g.strides,
						g.padL, g.padR), OneDnn.engine(), deconvForward(g));
				return plan(new deconvolution_backward_weights(d)).input(DNNL_ARG_SRC, d.src_desc(), g.x).input(
					DNNL_ARG_DIFF_DST, d.diff_dst_desc(), g.y).output(DNNL_ARG_DIFF_WEIGHTS, d.diff_weights_desc(), g
						.weights(d.diff_weights_desc()), g.w, accumulate);
			}
			default: throw new IllegalStateException(kind.name());
		}
	}

	private PrimitivePlan plan(org.bytedeco.dnnl.primitive p) {
		return new PrimitivePlan(p, layouts, arena);
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

	void conv2d(Nd4jTensor x, Nd4jTensor w, int stride, int pad, Nd4jTensor y) {
		plan(Kind.CONV_FORWARD, x, y, w, stride, pad, false).execute(x, w, y);
	}

	void conv2dBackwardData(Nd4jTensor dy, Nd4jTensor w, int stride, int pad, Nd4jTensor dx) {
		plan(Kind.CONV_DATA, dx, dy, w, stride, pad, false).execute(dy, w, dx);
	}

	void conv2dBackwardFilter(Nd4jTensor x, Nd4jTensor dy, int stride, int pad, Nd4jTensor dw, boolean accumulate) {
		plan(Kind.CONV_FILTER, x, dy, dw, stride, pad, accumulate).execute(x, dy, dw);
	}

	void convTranspose3d(Nd4jTensor x, Nd4jTensor w, int stride, int pad, Nd4jTensor y) {
		plan(Kind.DECONV_FORWARD, x, y, w, stride, pad, false).execute(x, w, y);
	}

	void convTranspose3dBackwardData(Nd4jTensor dy, Nd4jTensor w, int stride, int pad, Nd4jTensor dx) {
		plan(Kind.DECONV_DATA, dx, dy, w, stride, pad, false).execute(dy, w, dx);
	}

	void convTranspose3dBackwardFilter(Nd4jTensor x, Nd4jTensor dy, int stride, int pad, Nd4jTensor dw,
		boolean accumulate)
	{
		plan(Kind.DECONV_FILTER, x, dy, dw, stride, pad, accumulate).execute(x, dy, dw);
	}

	@Override
	public void close() {
		plans.close();
	}
}

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
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive_desc;

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
		CONV_FORWARD, CONV_DATA, CONV_FILTER, DECONV_FORWARD, DECONV_DATA, DECONV_FILTER;

		/** A transposed convolution's (oneDNN's deconvolution's) forward pass or gradient. */
		boolean transposed() {
			return ordinal() >= DECONV_FORWARD.ordinal();
		}
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
		return plans.get(key, () -> build(kind, new Geometry(xs, ys, ws, stride, pad, kind.transposed()), accumulate));
	}

	private PrimitivePlan build(Kind kind, Geometry g, boolean accumulate) {
		primitive_desc d = descriptor(kind, g, false, false);
		// A layout padded to 16 channels (an input or output with 1 or 2 channels) needs a scratch copy up to 8 times
		// the tensor: gigabytes for a generated volume's last layer. Past 64 MB take row-major there instead (a
		// GEMM-based implementation, as fast at 2 channels), unless only a reference implementation supports it.
		boolean padX = padded(x(kind, d), g.x), padY = padded(y(kind, d), g.y);
		if (padX || padY) {
			primitive_desc rowMajor = descriptor(kind, g, padX, padY);
			if (!rowMajor.impl_info_str().getString().startsWith("ref")) d = rowMajor;
		}
		memory.desc x = x(kind, d), y = y(kind, d);
		switch (kind) {
			case CONV_FORWARD:
				return plan(new convolution_forward((convolution_forward.primitive_desc) d)).input(DNNL_ARG_SRC, x, g.x)
					.weights(DNNL_ARG_WEIGHTS, d.weights_desc(), g.weights(d.weights_desc()), g.w).output(DNNL_ARG_DST,
						y, g.y,
						false);
			case DECONV_FORWARD:
				return plan(new deconvolution_forward((deconvolution_forward.primitive_desc) d)).input(DNNL_ARG_SRC, x,
					g.x)
					.weights(DNNL_ARG_WEIGHTS, d.weights_desc(), g.weights(d.weights_desc()), g.w).output(DNNL_ARG_DST,
						y, g.y,
						false);
			case CONV_DATA:
				return plan(new convolution_backward_data((convolution_backward_data.primitive_desc) d)).input(
					DNNL_ARG_DIFF_DST, y, g.y).weights(DNNL_ARG_WEIGHTS, d.weights_desc(), g.weights(d.weights_desc()),
						g.w)
					.output(DNNL_ARG_DIFF_SRC, x, g.x, false);
			case DECONV_DATA:
				return plan(new deconvolution_backward_data((deconvolution_backward_data.primitive_desc) d)).input(
					DNNL_ARG_DIFF_DST, y, g.y).weights(DNNL_ARG_WEIGHTS, d.weights_desc(), g.weights(d.weights_desc()),
						g.w)
					.output(DNNL_ARG_DIFF_SRC, x, g.x, false);
			case CONV_FILTER:
				return plan(new convolution_backward_weights((convolution_backward_weights.primitive_desc) d)).input(
					DNNL_ARG_SRC, x, g.x).input(DNNL_ARG_DIFF_DST, y, g.y).output(DNNL_ARG_DIFF_WEIGHTS, d
						.diff_weights_desc(), g.weights(d.diff_weights_desc()), g.w, accumulate);
			case DECONV_FILTER:
				return plan(new deconvolution_backward_weights((deconvolution_backward_weights.primitive_desc) d))
					.input(
						DNNL_ARG_SRC, x, g.x).input(DNNL_ARG_DIFF_DST, y, g.y).output(DNNL_ARG_DIFF_WEIGHTS, d
							.diff_weights_desc(), g.weights(d.diff_weights_desc()), g.w, accumulate);
			default:
				throw new IllegalStateException(kind.name());
		}
	}

	/** The layout of the convolution's input side (its source, or the gradient for it). */
	private static memory.desc x(Kind kind, primitive_desc d) {
		return kind == Kind.CONV_DATA || kind == Kind.DECONV_DATA ? d.diff_src_desc() : d.src_desc();
	}

	/** The layout of the convolution's output side (its destination, or the gradient arriving there). */
	private static memory.desc y(Kind kind, primitive_desc d) {
		return kind == Kind.CONV_FORWARD || kind == Kind.DECONV_FORWARD ? d.dst_desc() : d.diff_dst_desc();
	}

	private static final long LARGE_PADDING = 64L << 20;

	private static boolean padded(memory.desc d, long[] dims) {
		return d.get_size() > OneDnn.plain(dims).get_size() && d.get_size() > LARGE_PADDING;
	}

	/** The primitive's description, with x and y in the layouts oneDNN prefers or, where asked, row-major. */
	private static primitive_desc descriptor(Kind kind, Geometry g, boolean rowMajorX, boolean rowMajorY) {
		if (fewOutputChannels3d(kind, g)) {
			// blocked layouts pad the output's channels to 16 (8× the work for 2 phases); channels-last does not
			primitive_desc last = descriptor(kind, g, OneDnn.desc(g.x, memory.format_tag.ndhwc), OneDnn.desc(g.y,
				memory.format_tag.ndhwc));
			if (!last.impl_info_str().getString().startsWith("ref")) return last;
		}
		memory.desc x = rowMajorX ? OneDnn.plain(g.x) : g.any(g.x), y = rowMajorY ? OneDnn.plain(g.y) : g.any(g.y);
		return descriptor(kind, g, x, y);
	}

	/** A 3D convolution to a few channels: the resize-convolution generator's last layer. */
	private static boolean fewOutputChannels3d(Kind kind, Geometry g) {
		return g.x.length == 5 && !kind.transposed() && g.y[1] < 8;
	}

	private static primitive_desc descriptor(Kind kind, Geometry g, memory.desc x, memory.desc y) {
		memory.desc w = g.any(g.wDims);
		switch (kind) {
			case CONV_FORWARD:
				return convForward(g, x, y);
			case DECONV_FORWARD:
				return deconvForward(g, x, y);
			case CONV_DATA:
				return new convolution_backward_data.primitive_desc(new convolution_backward_data.desc(
					algorithm.convolution_direct, x, w, y, g.strides, g.padL, g.padR), OneDnn.engine(), convForward(g,
						x, y));
			case DECONV_DATA:
				return new deconvolution_backward_data.primitive_desc(new deconvolution_backward_data.desc(
					algorithm.deconvolution_direct, x, w, y, g.strides, g.padL, g.padR), OneDnn.engine(), deconvForward(
						g, x,
						y));
			case CONV_FILTER:
				return new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(
					algorithm.convolution_direct, x, w, y, g.strides, g.padL, g.padR), OneDnn.engine(), convForward(g,
						x, y));
			case DECONV_FILTER:
				return new deconvolution_backward_weights.primitive_desc(
					new deconvolution_backward_weights.desc(algorithm.deconvolution_direct, x, w, y, g.strides, g.padL,
						g.padR),
					OneDnn.engine(), deconvForward(g, x, y));
			default:
				throw new IllegalStateException(kind.name());
		}
	}

	private PrimitivePlan plan(org.bytedeco.dnnl.primitive p) {
		return new PrimitivePlan(p, layouts, arena);
	}

	private static convolution_forward.primitive_desc convForward(Geometry g, memory.desc x, memory.desc y) {
		return new convolution_forward.primitive_desc(new convolution_forward.desc(prop_kind.forward_training,
			algorithm.convolution_direct, x, g.any(g.wDims), y, g.strides, g.padL, g.padR), OneDnn.engine());
	}

	private static deconvolution_forward.primitive_desc deconvForward(Geometry g, memory.desc x, memory.desc y) {
		return new deconvolution_forward.primitive_desc(new deconvolution_forward.desc(prop_kind.forward_training,
			algorithm.deconvolution_direct, x, g.any(g.wDims), y, g.strides, g.padL, g.padR), OneDnn.engine());
	}

	// convolutions in 2D (the critic) or 3D (the resize-convolution generator's last layer), by the tensors' rank

	void conv(Nd4jTensor x, Nd4jTensor w, int stride, int pad, Nd4jTensor y) {
		plan(Kind.CONV_FORWARD, x, y, w, stride, pad, false).execute(x, w, y);
	}

	void convBackwardData(Nd4jTensor dy, Nd4jTensor w, int stride, int pad, Nd4jTensor dx) {
		plan(Kind.CONV_DATA, dx, dy, w, stride, pad, false).execute(dy, w, dx);
	}

	void convBackwardFilter(Nd4jTensor x, Nd4jTensor dy, int stride, int pad, Nd4jTensor dw, boolean accumulate) {
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

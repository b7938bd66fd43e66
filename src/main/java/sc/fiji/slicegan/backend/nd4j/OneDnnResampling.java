package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import java.util.Arrays;

import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.resampling_backward;
import org.bytedeco.dnnl.resampling_forward;

/**
 * Trilinear upsampling of whole tensors and its adjoint as oneDNN's linear resampling, whose sample positions are
 * PyTorch's for align_corners=False ((o + ½)·in/out − ½, clamped to the input), in whatever layout the input holds.
 * It runs on oneDNN's threads like the convolutions around it, where Java threads would compete with them.
 * Its kernels fault on tensors that are not 64-byte aligned (non-temporal stores), so such operands are copied
 * through aligned scratch memory.
 */
final class OneDnnResampling implements AutoCloseable {

	private final PlanCache plans = new PlanCache();
	private final Layouts layouts;
	private final ScratchArena arena;

	OneDnnResampling(Layouts layouts, ScratchArena arena) {
		this.layouts = layouts;
		this.arena = arena;
	}

	void forward(Nd4jTensor x, Nd4jTensor y) {
		long[] dx = x.array.shape(), dy = y.array.shape();
		memory.desc src = Layouts.descOf(x);
		plans.get("upsample" + Arrays.toString(dy) + OneDnn.key(src), () -> {
			resampling_forward.primitive_desc p = new resampling_forward.primitive_desc(new resampling_forward.desc(
				prop_kind.forward_training, algorithm.resampling_linear, src, OneDnn.desc(dy,
					memory.format_tag.any)), OneDnn.engine());
			return new PrimitivePlan(new resampling_forward(p), layouts, arena).aligned().input(DNNL_ARG_SRC, src, dx)
				.output(
					DNNL_ARG_DST, p.dst_desc(), dy, false);
		}).execute(x, y);
	}

	/** dx = the adjoint of the upsampling applied to dy (dx is overwritten). */
	void backward(Nd4jTensor dy, Nd4jTensor dx) {
		long[] ddy = dy.array.shape(), ddx = dx.array.shape();
		memory.desc diffDst = Layouts.descOf(dy);
		plans.get("upsampleBackward" + Arrays.toString(ddx) + OneDnn.key(diffDst), () -> {
			memory.desc any = OneDnn.desc(ddx, memory.format_tag.any);
			// the forward hint needs a concrete source layout; the gradient's layout is oneDNN's choice
			resampling_forward.primitive_desc hint = new resampling_forward.primitive_desc(new resampling_forward.desc(
				prop_kind.forward_training, algorithm.resampling_linear, OneDnn.plain(ddx), diffDst), OneDnn.engine());
			resampling_backward.primitive_desc p = new resampling_backward.primitive_desc(new resampling_backward.desc(
				algorithm.resampling_linear, any, diffDst), OneDnn.engine(), hint);
			return new PrimitivePlan(new resampling_backward(p), layouts, arena).aligned().input(DNNL_ARG_DIFF_DST,
				diffDst, ddy)
				.output(DNNL_ARG_DIFF_SRC, p.diff_src_desc(), ddx, false);
		}).execute(dy, dx);
	}

	@Override
	public void close() {
		plans.close();
	}
}

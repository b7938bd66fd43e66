package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import java.util.Arrays;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;

/**
 * ReLU and its mask as oneDNN primitives (vectorised, multi-threaded, in place allowed), in whatever layout the
 * tensors hold: elementwise operations do not care, so a convolution's blocked output stays blocked.
 */
final class OneDnnActivations implements AutoCloseable {

	private final PlanCache plans = new PlanCache();
	private final Layouts layouts;
	private final ScratchArena arena;

	OneDnnActivations(Layouts layouts, ScratchArena arena) {
		this.layouts = layouts;
		this.arena = arena;
	}

	void relu(Nd4jTensor x, Nd4jTensor y) {
		long[] d = x.array.shape();
		memory.desc m = Layouts.descOf(x);
		plans.get("relu" + Arrays.toString(d) + OneDnn.key(m), () -> {
			eltwise_forward.primitive_desc p = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
				prop_kind.forward_training, algorithm.eltwise_relu, m, 0f, 0f), OneDnn.engine());
			return new PrimitivePlan(new eltwise_forward(p), layouts, arena).input(DNNL_ARG_SRC, m, d).output(
				DNNL_ARG_DST,
				m, d, false);
		}).execute(x, y);
	}

	/** dx = dy ⊙ [a &gt; 0]: ReLU's backward with a its input or output (both are positive at the same places). */
	void reluMask(Nd4jTensor a, Nd4jTensor dy, Nd4jTensor dx) {
		// one layout for both inputs: the one they share, else row-major
		if (a.layout() != dy.layout()) {
			a.rowMajor();
			dy.rowMajor();
		}
		long[] d = a.array.shape();
		memory.desc m = Layouts.descOf(a);
		plans.get("reluMask" + Arrays.toString(d) + OneDnn.key(m), () -> {
			eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
				prop_kind.forward_training, algorithm.eltwise_relu, m, 0f, 0f), OneDnn.engine());
			eltwise_backward.primitive_desc p = new eltwise_backward.primitive_desc(new eltwise_backward.desc(
				algorithm.eltwise_relu, m, m, 0f, 0f), OneDnn.engine(), hint);
			return new PrimitivePlan(new eltwise_backward(p), layouts, arena).input(DNNL_ARG_SRC, m, d).input(
				DNNL_ARG_DIFF_DST, m, d).output(DNNL_ARG_DIFF_SRC, m, d, false);
		}).execute(a, dy, dx);
	}

	@Override
	public void close() {
		plans.close();
	}
}

package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;

import java.util.Arrays;

import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ReLU and its mask as oneDNN primitives (vectorised, multi-threaded, in place allowed). */
final class OneDnnActivations implements AutoCloseable {

	private final PlanCache plans = new PlanCache();

	private static long at(INDArray a) {
		return OneDnn.address(a);
	}

	void relu(INDArray x, INDArray y) {
		long[] d = x.shape();
		plans.get("relu" + Arrays.toString(d), () -> {
			memory.desc m = OneDnn.plain(d);
			eltwise_forward.primitive_desc p = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
				prop_kind.forward_training, algorithm.eltwise_relu, m, 0f, 0f), OneDnn.engine());
			return new PrimitivePlan(new eltwise_forward(p), null).input(DNNL_ARG_SRC, m).output(DNNL_ARG_DST, m);
		}).execute(at(x), at(y));
	}

	/** dx = dy ⊙ [a &gt; 0]: ReLU's backward with a its input or output (both are positive at the same places). */
	void reluMask(INDArray a, INDArray dy, INDArray dx) {
		long[] d = a.shape();
		plans.get("reluMask" + Arrays.toString(d), () -> {
			memory.desc m = OneDnn.plain(d);
			eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(new eltwise_forward.desc(
				prop_kind.forward_training, algorithm.eltwise_relu, m, 0f, 0f), OneDnn.engine());
			eltwise_backward.primitive_desc p = new eltwise_backward.primitive_desc(new eltwise_backward.desc(
				algorithm.eltwise_relu, m, m, 0f, 0f), OneDnn.engine(), hint);
			return new PrimitivePlan(new eltwise_backward(p), null).input(DNNL_ARG_SRC, m).input(DNNL_ARG_DIFF_DST, m)
				.output(DNNL_ARG_DIFF_SRC, m);
		}).execute(at(a), at(dy), at(dx));
	}

	@Override
	public void close() {
		plans.close();
	}
}

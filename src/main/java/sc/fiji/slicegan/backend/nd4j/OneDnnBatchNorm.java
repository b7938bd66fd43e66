package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

import java.util.Arrays;

import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;

/**
 * Batch normalisation over N and the spatial axes as oneDNN primitives: training forward (returning the batch mean
 * and biased variance), its backward (batch statistics included) and inference with given statistics. They work in
 * the layout the data holds (row-major or a convolution's blocked output).
 */
final class OneDnnBatchNorm implements AutoCloseable {

	private static final int SCALE_SHIFT = normalization_flags.use_scale.value | normalization_flags.use_shift.value;
	private final PlanCache plans = new PlanCache();
	private final Layouts layouts;
	private final ScratchArena arena;

	OneDnnBatchNorm(Layouts layouts, ScratchArena arena) {
		this.layouts = layouts;
		this.arena = arena;
	}

	private PrimitivePlan plan(org.bytedeco.dnnl.primitive p) {
		return new PrimitivePlan(p, layouts, arena);
	}

	private static batch_normalization_forward.primitive_desc forward(memory.desc m, float eps, prop_kind kind,
		int flags)
	{
		return new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(kind.value, m, eps,
			flags), OneDnn.engine());
	}

	void train(Nd4jTensor x, Nd4jTensor gamma, Nd4jTensor beta, double eps, Nd4jTensor y, Nd4jTensor mean,
		Nd4jTensor var)
	{
		long[] d = x.array.shape(), c = { d[1] };
		memory.desc m = Layouts.descOf(x), pc = OneDnn.plain(c);
		float e = (float) eps;
		plans.get("bnTrain" + Arrays.toString(d) + OneDnn.key(m) + e, () -> {
			batch_normalization_forward.primitive_desc p = forward(m, e, prop_kind.forward_training, SCALE_SHIFT);
			return plan(new batch_normalization_forward(p)).input(DNNL_ARG_SRC, m, d).input(DNNL_ARG_SCALE, pc, c)
				.input(
					DNNL_ARG_SHIFT, pc, c).output(DNNL_ARG_DST, p.dst_desc(), d, false).output(DNNL_ARG_MEAN, pc, c,
						false)
				.output(DNNL_ARG_VARIANCE, pc, c, false);
		}).execute(x, gamma, beta, y, mean, var);
	}

	void backward(Nd4jTensor x, Nd4jTensor dy, Nd4jTensor gamma, Nd4jTensor mean, Nd4jTensor var, double eps,
		Nd4jTensor dx, Nd4jTensor dGamma, Nd4jTensor dBeta)
	{
		// one layout for x and dy: the one they share, else row-major
		if (x.layout() != dy.layout()) {
			x.rowMajor();
			dy.rowMajor();
		}
		long[] d = x.array.shape(), c = { d[1] };
		memory.desc m = Layouts.descOf(x), pc = OneDnn.plain(c);
		float e = (float) eps;
		plans.get("bnBackward" + Arrays.toString(d) + OneDnn.key(m) + e, () -> {
			batch_normalization_backward.primitive_desc p = new batch_normalization_backward.primitive_desc(
				new batch_normalization_backward.desc(prop_kind.backward.value, m, m, e, SCALE_SHIFT), OneDnn.engine(),
				forward(m, e, prop_kind.forward_training, SCALE_SHIFT));
			return plan(new batch_normalization_backward(p)).input(DNNL_ARG_SRC, m, d).input(DNNL_ARG_DIFF_DST, m, d)
				.input(DNNL_ARG_SCALE, pc, c).input(DNNL_ARG_SHIFT, pc, c).input(DNNL_ARG_MEAN, pc, c).input(
					DNNL_ARG_VARIANCE, pc, c).output(DNNL_ARG_DIFF_SRC, p.diff_src_desc(), d, false).output(
						DNNL_ARG_DIFF_SCALE, pc, c, false).output(DNNL_ARG_DIFF_SHIFT, pc, c, false);
			// oneDNN 2.5 wants a shift operand here too, though the gradients do not read it: γ stands in
		}).execute(x, dy, gamma, gamma, mean, var, dx, dGamma, dBeta);
	}

	void inference(Nd4jTensor x, Nd4jTensor gamma, Nd4jTensor beta, Nd4jTensor runMean, Nd4jTensor runVar, double eps,
		Nd4jTensor y)
	{
		long[] d = x.array.shape(), c = { d[1] };
		memory.desc m = Layouts.descOf(x), pc = OneDnn.plain(c);
		float e = (float) eps;
		plans.get("bnInference" + Arrays.toString(d) + OneDnn.key(m) + e, () -> {
			batch_normalization_forward.primitive_desc p = forward(m, e, prop_kind.forward_inference, SCALE_SHIFT |
				normalization_flags.use_global_stats.value);
			return plan(new batch_normalization_forward(p)).input(DNNL_ARG_SRC, m, d).input(DNNL_ARG_SCALE, pc, c)
				.input(
					DNNL_ARG_SHIFT, pc, c).input(DNNL_ARG_MEAN, pc, c).input(DNNL_ARG_VARIANCE, pc, c).output(
						DNNL_ARG_DST, p
							.dst_desc(), d, false);
		}).execute(x, gamma, beta, runMean, runVar, y);
	}

	@Override
	public void close() {
		plans.close();
	}
}

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
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation over N and the spatial axes as oneDNN primitives: training forward (returning the batch mean
 * and biased variance), its backward (batch statistics included) and inference with given statistics.
 */
final class OneDnnBatchNorm implements AutoCloseable {

	private static final int SCALE_SHIFT = normalization_flags.use_scale.value | normalization_flags.use_shift.value;
	private final PlanCache plans = new PlanCache();

	private static long at(INDArray a) {
		return OneDnn.address(a);
	}

	/** Scale, shift, mean and variance: one value per channel. */
	private static memory.desc perChannel(long[] d) {
		return OneDnn.plain(new long[] { d[1] });
	}

	private static batch_normalization_forward.primitive_desc forward(memory.desc m, float eps, prop_kind kind,
		int flags)
	{
		return new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(kind.value, m, eps,
			flags), OneDnn.engine());
	}

	void train(INDArray x, INDArray gamma, INDArray beta, double eps, INDArray y, INDArray mean, INDArray var) {
		long[] d = x.shape();
		float e = (float) eps;
		plans.get("bnTrain" + Arrays.toString(d) + e, () -> {
			batch_normalization_forward.primitive_desc p = forward(OneDnn.plain(d), e, prop_kind.forward_training,
				SCALE_SHIFT);
			memory.desc c = perChannel(d);
			return new PrimitivePlan(new batch_normalization_forward(p), null).input(DNNL_ARG_SRC, p.src_desc()).input(
				DNNL_ARG_SCALE, c).input(DNNL_ARG_SHIFT, c).output(DNNL_ARG_DST, p.dst_desc()).output(DNNL_ARG_MEAN, c)
				.output(DNNL_ARG_VARIANCE, c);
		}).execute(at(x), at(gamma), at(beta), at(y), at(mean), at(var));
	}

	void backward(INDArray x, INDArray dy, INDArray gamma, INDArray mean, INDArray var, double eps, INDArray dx,
		INDArray dGamma, INDArray dBeta)
	{
		long[] d = x.shape();
		float e = (float) eps;
		plans.get("bnBackward" + Arrays.toString(d) + e, () -> {
			memory.desc m = OneDnn.plain(d);
			batch_normalization_backward.primitive_desc p = new batch_normalization_backward.primitive_desc(
				new batch_normalization_backward.desc(prop_kind.backward.value, m, m, e, SCALE_SHIFT), OneDnn.engine(),
				forward(m, e, prop_kind.forward_training, SCALE_SHIFT));
			memory.desc c = perChannel(d);
			return new PrimitivePlan(new batch_normalization_backward(p), null).input(DNNL_ARG_SRC, m).input(
				DNNL_ARG_DIFF_DST, m).input(DNNL_ARG_SCALE, c).input(DNNL_ARG_SHIFT, c).input(DNNL_ARG_MEAN, c).input(
					DNNL_ARG_VARIANCE, c).output(DNNL_ARG_DIFF_SRC, m).output(DNNL_ARG_DIFF_SCALE, c).output(
						DNNL_ARG_DIFF_SHIFT, c);
		// oneDNN 2.5 wants a shift operand here too, though the gradients do not read it: γ stands in
		}).execute(at(x), at(dy), at(gamma), at(gamma), at(mean), at(var), at(dx), at(dGamma), at(dBeta));
	}

	void inference(INDArray x, INDArray gamma, INDArray beta, INDArray runMean, INDArray runVar, double eps,
		INDArray y)
	{
		long[] d = x.shape();
		float e = (float) eps;
		plans.get("bnInference" + Arrays.toString(d) + e, () -> {
			batch_normalization_forward.primitive_desc p = forward(OneDnn.plain(d), e, prop_kind.forward_inference,
				SCALE_SHIFT | normalization_flags.use_global_stats.value);
			memory.desc c = perChannel(d);
			return new PrimitivePlan(new batch_normalization_forward(p), null).input(DNNL_ARG_SRC, p.src_desc()).input(
				DNNL_ARG_SCALE, c).input(DNNL_ARG_SHIFT, c).input(DNNL_ARG_MEAN, c).input(DNNL_ARG_VARIANCE, c).output(
					DNNL_ARG_DST, p.dst_desc());
		}).execute(at(x), at(gamma), at(beta), at(runMean), at(runVar), at(y));
	}

	@Override
	public void close() {
		plans.close();
	}
}

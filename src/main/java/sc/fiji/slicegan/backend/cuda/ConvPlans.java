package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudnn.CUDNN_CROSS_CORRELATION;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DATA_FLOAT;
import static org.bytedeco.cuda.global.cudnn.CUDNN_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_FMA_MATH;
import static org.bytedeco.cuda.global.cudnn.CUDNN_STATUS_SUCCESS;
import static org.bytedeco.cuda.global.cudnn.CUDNN_TENSOR_NCHW;
import static org.bytedeco.cuda.global.cudnn.CUDNN_TENSOR_NHWC;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateConvolutionDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateFilterDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnCreateTensorDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnFindConvolutionBackwardDataAlgorithm;
import static org.bytedeco.cuda.global.cudnn.cudnnFindConvolutionBackwardFilterAlgorithm;
import static org.bytedeco.cuda.global.cudnn.cudnnFindConvolutionForwardAlgorithm;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardDataAlgorithm_v7;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardDataWorkspaceSize;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardFilterAlgorithm_v7;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionBackwardFilterWorkspaceSize;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardAlgorithm_v7;
import static org.bytedeco.cuda.global.cudnn.cudnnGetConvolutionForwardWorkspaceSize;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionMathType;
import static org.bytedeco.cuda.global.cudnn.cudnnSetConvolutionNdDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetFilterNdDescriptor;
import static org.bytedeco.cuda.global.cudnn.cudnnSetTensorNdDescriptor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdDataAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionBwdFilterAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * cuDNN descriptors and algorithms for one convolution geometry, made once per shape and cached (for training
 * shapes cuDNN times its algorithms on first use and the fastest is kept): the
 * convolution maps {@code in} (C channels) to {@code out} (K channels) with filter {@code [K, C, k...]}; its three
 * algorithms (forward, backward data, backward filter) and their workspace sizes.
 */
final class ConvPlans {

	static final class Plan {
		final cudnnTensorStruct in = new cudnnTensorStruct(), out = new cudnnTensorStruct();
		final cudnnFilterStruct filter = new cudnnFilterStruct();
		final cudnnConvolutionStruct conv = new cudnnConvolutionStruct();
		int forwardAlgo, dataAlgo, filterAlgo;
		long forwardBytes, dataBytes, filterBytes;
	}

	/**
	 * Convolutions of batches (training) and those over fewer elements (input plus output) than this have their
	 * algorithms timed; one large volume (generation) takes cuDNN's heuristics.
	 */
	static final long MEASURE_LIMIT = 1L << 27;

	private static boolean timed(int[] in, int[] out) {
		return in[0] > 1 || elements(in) + elements(out) < MEASURE_LIMIT;
	}

	private static long elements(int[] shape) {
		long n = 1;
		for (int d : shape)
			n *= d;
		return n;
	}

	/**
	 * Timed algorithms needing more scratch memory than this are passed over: an eighth of the GPU memory free at
	 * start, at most 4 GB (the fastest algorithms for a large critic batch need more than 1 GB).
	 */
	private final long measuredWorkspace;

	/** The workspace limit for algorithms chosen by heuristics (large generation shapes). */
	static final long HEURISTIC_WORKSPACE = 1L << 28;

	private final cudnnContext dnn;
	private final boolean tf32;
	private final Map<String, Plan> plans = new HashMap<>();

	private final java.util.List<String> chosen = new java.util.ArrayList<>();

	/** Whether 2D convolutions see their tensors and filters channels last. */
	private final boolean nhwc;

	ConvPlans(cudnnContext dnn, boolean tf32, boolean nhwc, long freeBytes) {
		this.dnn = dnn;
		this.tf32 = tf32;
		this.nhwc = nhwc;
		this.measuredWorkspace = Math.max(1L << 28, Math.min(4L << 30, freeBytes / 8));
	}

	/** One line per plan: the geometry, how its algorithms were chosen, and each algorithm with its workspace. */
	String report() {
		return String.join("\n", chosen);
	}

	/** The plan for a convolution from {@code in} to {@code out} with {@code filter}, stride and padding. */
	Plan get(int[] in, int[] filter, int[] out, int stride, int pad) {
		String key = Arrays.toString(in) + Arrays.toString(filter) + Arrays.toString(out) + stride + "/" + pad;
		Plan p = plans.get(key);
		if (p == null) {
			p = make(in, filter, out, stride, pad);
			plans.put(key, p);
			chosen.add(String.format(java.util.Locale.ROOT,
				"cuDNN %s (%s): forward %d (%d MB), data %d (%d MB), filter %d " +
					"(%d MB)", key, timed(in, out) ? "timed" : "heuristic", p.forwardAlgo,
				p.forwardBytes >> 20, p.dataAlgo, p.dataBytes >> 20, p.filterAlgo, p.filterBytes >> 20));
		}
		return p;
	}

	/** Strides of a packed tensor of logical shape [N, C, ...]: row-major, or channels last. */
	private static int[] strides(int[] shape, boolean channelsLast) {
		int[] s = new int[shape.length];
		if (channelsLast) {
			s[1] = 1;
			int acc = shape[1];
			for (int i = shape.length - 1; i >= 2; i--) {
				s[i] = acc;
				acc *= shape[i];
			}
			s[0] = acc;
			return s;
		}
		int acc = 1;
		for (int i = shape.length - 1; i >= 0; i--) {
			s[i] = acc;
			acc *= shape[i];
		}
		return s;
	}

	private Plan make(int[] in, int[] filter, int[] out, int stride, int pad) {
		Plan p = new Plan();
		int dims = in.length;
		boolean last = nhwc && dims == 4;
		Cuda.checkDnn(cudnnCreateTensorDescriptor(p.in), "cudnnCreateTensorDescriptor");
		Cuda.checkDnn(cudnnCreateTensorDescriptor(p.out), "cudnnCreateTensorDescriptor");
		Cuda.checkDnn(cudnnSetTensorNdDescriptor(p.in, CUDNN_DATA_FLOAT, dims, new IntPointer(in), new IntPointer(
			strides(in, last))), "cudnnSetTensorNdDescriptor");
		Cuda.checkDnn(cudnnSetTensorNdDescriptor(p.out, CUDNN_DATA_FLOAT, dims, new IntPointer(out), new IntPointer(
			strides(out, last))), "cudnnSetTensorNdDescriptor");
		Cuda.checkDnn(cudnnCreateFilterDescriptor(p.filter), "cudnnCreateFilterDescriptor");
		Cuda.checkDnn(cudnnSetFilterNdDescriptor(p.filter, CUDNN_DATA_FLOAT, last ? CUDNN_TENSOR_NHWC
			: CUDNN_TENSOR_NCHW, dims, new IntPointer(filter)), "cudnnSetFilterNdDescriptor");
		Cuda.checkDnn(cudnnCreateConvolutionDescriptor(p.conv), "cudnnCreateConvolutionDescriptor");
		int spatial = dims - 2;
		int[] pads = new int[spatial], strides = new int[spatial], dilations = new int[spatial];
		Arrays.fill(pads, pad);
		Arrays.fill(strides, stride);
		Arrays.fill(dilations, 1);
		Cuda.checkDnn(cudnnSetConvolutionNdDescriptor(p.conv, spatial, new IntPointer(pads), new IntPointer(strides),
			new IntPointer(dilations), CUDNN_CROSS_CORRELATION, CUDNN_DATA_FLOAT), "cudnnSetConvolutionNdDescriptor");
		// TF32 tensor cores are allowed by default math; FMA math keeps full float32 (for the correctness checks)
		Cuda.checkDnn(cudnnSetConvolutionMathType(p.conv, tf32 ? CUDNN_DEFAULT_MATH : CUDNN_FMA_MATH),
			"cudnnSetConvolutionMathType");
		// training shapes recur thousands of times: time the algorithms once (cudnnFind, which allocates its own
		// scratch memory); a large one-off generation shape takes cuDNN's heuristic ranking instead, which is
		// instant and allocates nothing, with a small workspace so that generation stays within its memory budget
		boolean measure = timed(in, out);
		long limit = measure ? measuredWorkspace : HEURISTIC_WORKSPACE;
		int n = 8;
		IntPointer found = new IntPointer(1);
		SizeTPointer bytes = new SizeTPointer(1);
		cudnnConvolutionFwdAlgoPerf_t fwd = new cudnnConvolutionFwdAlgoPerf_t(n);
		Cuda.checkDnn(measure ? cudnnFindConvolutionForwardAlgorithm(dnn, p.in, p.filter, p.conv, p.out, n, found, fwd)
			: cudnnGetConvolutionForwardAlgorithm_v7(dnn, p.in, p.filter, p.conv, p.out, n, found, fwd),
			"cudnn forward algorithm choice");
		p.forwardAlgo = first(found.get(), limit, i -> fwd.position(i).status(), i -> fwd.position(i).algo(), i -> fwd
			.position(i).memory());
		Cuda.checkDnn(cudnnGetConvolutionForwardWorkspaceSize(dnn, p.in, p.filter, p.conv, p.out, p.forwardAlgo,
			bytes), "cudnnGetConvolutionForwardWorkspaceSize");
		p.forwardBytes = bytes.get();
		cudnnConvolutionBwdDataAlgoPerf_t bd = new cudnnConvolutionBwdDataAlgoPerf_t(n);
		Cuda.checkDnn(measure ? cudnnFindConvolutionBackwardDataAlgorithm(dnn, p.filter, p.out, p.conv, p.in, n, found,
			bd) : cudnnGetConvolutionBackwardDataAlgorithm_v7(dnn, p.filter, p.out, p.conv, p.in, n, found, bd),
			"cudnn backward-data algorithm choice");
		p.dataAlgo = first(found.get(), limit, i -> bd.position(i).status(), i -> bd.position(i).algo(), i -> bd
			.position(i)
			.memory());
		Cuda.checkDnn(cudnnGetConvolutionBackwardDataWorkspaceSize(dnn, p.filter, p.out, p.conv, p.in, p.dataAlgo,
			bytes), "cudnnGetConvolutionBackwardDataWorkspaceSize");
		p.dataBytes = bytes.get();
		cudnnConvolutionBwdFilterAlgoPerf_t bf = new cudnnConvolutionBwdFilterAlgoPerf_t(n);
		Cuda.checkDnn(measure ? cudnnFindConvolutionBackwardFilterAlgorithm(dnn, p.in, p.out, p.conv, p.filter, n,
			found,
			bf) : cudnnGetConvolutionBackwardFilterAlgorithm_v7(dnn, p.in, p.out, p.conv, p.filter, n, found, bf),
			"cudnn backward-filter algorithm choice");
		p.filterAlgo = first(found.get(), limit, i -> bf.position(i).status(), i -> bf.position(i).algo(), i -> bf
			.position(
				i).memory());
		Cuda.checkDnn(cudnnGetConvolutionBackwardFilterWorkspaceSize(dnn, p.in, p.out, p.conv, p.filter, p.filterAlgo,
			bytes), "cudnnGetConvolutionBackwardFilterWorkspaceSize");
		p.filterBytes = bytes.get();
		return p;
	}

	/** The first algorithm of cuDNN's ranking (measured or heuristic) that works within the workspace limit. */
	private static int first(int count, long limit, java.util.function.IntUnaryOperator status,
		java.util.function.IntUnaryOperator algo, java.util.function.IntToLongFunction memory)
	{
		for (int i = 0; i < count; i++)
			if (status.applyAsInt(i) == CUDNN_STATUS_SUCCESS && memory.applyAsLong(i) <= limit) return algo.applyAsInt(
				i);
		throw new IllegalStateException("cuDNN offers no algorithm for this convolution");
	}
}

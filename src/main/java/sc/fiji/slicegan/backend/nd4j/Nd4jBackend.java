package sc.fiji.slicegan.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Memory;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.backend.Upsampling;

/**
 * The CPU backend: ND4J's native library holds the tensors, multi-threaded with OpenMP. In float32 the heavy
 * operations run as oneDNN primitives called directly (convolutions with each gradient on its own, batch
 * normalisation, ReLU) and Java loops ({@link FloatKernels}); where oneDNN cannot be loaded, and in float64 (the
 * gradient checks), ND4J's own ops run everything. Weights stay in PyTorch's layouts; ND4J's {@code wFormat = 1}
 * reads them as they are.
 */
public final class Nd4jBackend implements Backend {

	private static final int[] SPATIAL_2D = { 0, 2, 3 };
	private static final int[] SPATIAL_3D = { 0, 2, 3, 4 };

	private final Precision precision;
	private final DataType type;
	/** Scratch arrays by role and shape, so that repeated calls allocate nothing. */
	private final Map<String, INDArray> scratch = new HashMap<>();
	/** The operations oneDNN runs directly, or null where ND4J's ops run them. */
	private final FloatKernels direct;

	public Nd4jBackend(Precision precision) {
		this(precision, true);
	}

	/** @param direct whether float32 may call oneDNN directly (false: ND4J's ops only, the fallback, for tests) */
	Nd4jBackend(Precision precision, boolean direct) {
		NativeSetup.prepare();
		this.precision = precision;
		this.type = precision == Precision.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
		this.direct = direct && precision == Precision.FLOAT && OneDnn.unavailableReason() == null ? new FloatKernels()
			: null;
	}

	@Override
	public String name() {
		String why = OneDnn.unavailableReason();
		String ops = direct != null ? "heavy ops by " + OneDnn.describe() + " called directly" : precision ==
			Precision.FLOAT && why != null ? "ND4J's ops (" + why + ")" : "ND4J's ops";
		return "cpu (ND4J " + NativeSetup.build() + ", " + ops + ", " + ParallelRanges.threads() + " threads, " +
			precision
				.name().toLowerCase() + ")";
	}

	/** Main memory outside the heap, and within JavaCPP's cap on the process's physical memory when it has one. */
	@Override
	public long availableMemory() {
		long os = Memory.offHeap(), cap = org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
		return cap <= 0 ? os : Math.max(0, Math.min(os, cap - org.bytedeco.javacpp.Pointer.physicalBytes()));
	}

	@Override
	public Precision precision() {
		return precision;
	}

	@Override
	public Tensor allocate(int... shape) {
		long[] s = new long[shape.length];
		for (int i = 0; i < shape.length; i++) {
			if (shape[i] <= 0) throw new IllegalArgumentException("Bad tensor shape " + Arrays.toString(shape));
			s[i] = shape[i];
		}
		return new Nd4jTensor(Nd4j.create(type, s, 'c'), shape);
	}

	@Override
	public Tensor rows(Tensor t, int from, int count) {
		n(t).share();
		INDArray x = a(t);
		int[] shape = t.shape();
		if (from < 0 || count < 1 || from + count > shape[0]) throw new IllegalArgumentException("rows " + from + "+" +
			count + " of " + Arrays.toString(shape));
		long row = x.length() / shape[0];
		shape[0] = count;
		return new Nd4jTensor(view(x, from * row, shape), shape, false);
	}

	/** A C-ordered view of {@code shape} over x's (contiguous) memory from element {@code start}. */
	private static INDArray view(INDArray x, long start, int[] shape) {
		long[] s = new long[shape.length];
		for (int i = 0; i < s.length; i++)
			s[i] = shape[i];
		return Nd4j.create(x.data(), s, Nd4j.getStrides(s, 'c'), x.offset() + start, 'c');
	}

	/** The array in row-major order, for any operation but the direct ones (which read other layouts too). */
	private static INDArray a(Tensor t) {
		return ((Nd4jTensor) t).rowMajor();
	}

	/** The tensor as it is, for the direct operations. */
	private static Nd4jTensor n(Tensor t) {
		return (Nd4jTensor) t;
	}

	private INDArray scratch(String role, long... shape) {
		String key = role + Arrays.toString(shape);
		INDArray s = scratch.get(key);
		if (s == null) {
			s = Nd4j.create(type, shape, 'c');
			scratch.put(key, s);
		}
		return s;
	}

	private static void checkLength(long expected, int actual) {
		if (expected != actual)
			throw new IllegalArgumentException("Length mismatch: tensor has " + expected + ", array " + actual);
	}

	@Override
	public void upload(float[] src, Tensor dst) {
		INDArray d = a(dst);
		checkLength(d.length(), src.length);
		// a rows() view shares its parent's buffer from its offset
		int at = (int) d.offset();
		if (type == DataType.FLOAT) {
			FloatBuffer b = d.data().asNioFloat();
			b.position(at);
			b.put(src);
		}
		else {
			DoubleBuffer b = d.data().asNioDouble();
			for (int i = 0; i < src.length; i++)
				b.put(at + i, src[i]);
		}
	}

	@Override
	public void upload(double[] src, Tensor dst) {
		INDArray d = a(dst);
		checkLength(d.length(), src.length);
		int at = (int) d.offset();
		if (type == DataType.DOUBLE) {
			DoubleBuffer b = d.data().asNioDouble();
			b.position(at);
			b.put(src);
		}
		else {
			FloatBuffer b = d.data().asNioFloat();
			for (int i = 0; i < src.length; i++)
				b.put(at + i, (float) src[i]);
		}
	}

	@Override
	public void download(Tensor src, float[] dst) {
		INDArray s = a(src);
		checkLength(s.length(), dst.length);
		int at = (int) s.offset();
		if (type == DataType.FLOAT) {
			FloatBuffer b = s.data().asNioFloat();
			b.position(at);
			b.get(dst);
		}
		else {
			DoubleBuffer b = s.data().asNioDouble();
			for (int i = 0; i < dst.length; i++)
				dst[i] = (float) b.get(at + i);
		}
	}

	@Override
	public void download(Tensor src, double[] dst) {
		INDArray s = a(src);
		checkLength(s.length(), dst.length);
		int at = (int) s.offset();
		if (type == DataType.DOUBLE) {
			DoubleBuffer b = s.data().asNioDouble();
			b.position(at);
			b.get(dst);
		}
		else {
			FloatBuffer b = s.data().asNioFloat();
			for (int i = 0; i < dst.length; i++)
				dst[i] = b.get(at + i);
		}
	}

	@Override
	public void fill(Tensor t, double value) {
		if (direct != null) {
			direct.fill(n(t), value);
			return;
		}
		a(t).assign(value);
	}

	@Override
	public void copy(Tensor src, Tensor dst) {
		a(dst).assign(a(src));
	}

	// --- convolutions ------------------------------------------------------------------------------------

	private static int[] conv2dArgs(INDArray w, int stride, int pad) {
		int k = (int) w.size(2);
		// kH, kW, sH, sW, pH, pW, dH, dW, same-mode off, NCHW, weights [out, in, kH, kW]
		return new int[] { k, k, stride, stride, pad, pad, 1, 1, 0, 0, 1 };
	}

	private static int[] conv3dArgs(INDArray w, int stride, int pad) {
		int k = (int) w.size(2);
		// kD, kH, kW, sD, sH, sW, pD, pH, pW, dD, dH, dW, same-mode off, NCDHW, weights [in/out first]
		return new int[] { k, k, k, stride, stride, stride, pad, pad, pad, 1, 1, 1, 0, 0, 1 };
	}

	private static void exec(String op, INDArray[] in, INDArray[] out, int[] iArgs) {
		Nd4j.exec(DynamicCustomOp.builder(op).addInputs(in).addOutputs(out).addIntegerArguments(iArgs).build());
	}

	/** Both gradients of a 2D or 3D convolution through oneDNN (dx may be null); false without the direct path. */
	private boolean directConvBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate)
	{
		if (direct == null) return false;
		if (dx != null) direct.convolutions.convBackwardData(n(dy), n(w), stride, pad, n(dx));
		direct.convolutions.convBackwardFilter(n(x), n(dy), stride, pad, n(dw), accumulate);
		return true;
	}

	@Override
	public void conv2d(Tensor x, Tensor w, int stride, int pad, Tensor y) {
		if (direct != null) {
			direct.convolutions.conv(n(x), n(w), stride, pad, n(y));
			return;
		}
		exec("conv2d", new INDArray[] { a(x), a(w) }, new INDArray[] { a(y) }, conv2dArgs(a(w), stride, pad));
	}

	@Override
	public void conv2dBackwardData(Tensor dy, Tensor w, int stride, int pad, Tensor dx) {
		if (direct != null) {
			direct.convolutions.convBackwardData(n(dy), n(w), stride, pad, n(dx));
			return;
		}
		// A transposed convolution with the same weights; ND4J's deconv2d reads [in, out, k, k] with wFormat 1.
		exec("deconv2d", new INDArray[] { a(dy), a(w) }, new INDArray[] { a(dx) }, conv2dArgs(a(w), stride, pad));
	}

	@Override
	public void conv2dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate) {
		if (direct != null) {
			direct.convolutions.convBackwardFilter(n(x), n(dy), stride, pad, n(dw), accumulate);
			return;
		}
		// ND4J has no filter-only gradient: the data gradient goes to scratch.
		INDArray dx = scratch("conv2dDx", a(x).shape());
		conv2dBackwardInto(a(x), weightsLike(dw), a(dy), stride, pad, dx, a(dw), accumulate);
	}

	@Override
	public void conv2dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate)
	{
		if (directConvBackward(x, w, dy, stride, pad, dx, dw, accumulate)) return;
		conv2dBackwardInto(a(x), a(w), a(dy), stride, pad, a(dx), a(dw), accumulate);
	}

	/** The filter gradient does not read the weights' values, only their shape. */
	private INDArray weightsLike(Tensor dw) {
		return scratch("weightsShape", a(dw).shape());
	}

	private void conv2dBackwardInto(INDArray x, INDArray w, INDArray dy, int stride, int pad, INDArray dx,
		INDArray dw, boolean accumulate)
	{
		INDArray target = accumulate ? scratch("conv2dDw", dw.shape()) : dw;
		exec("conv2d_bp", new INDArray[] { x, w, dy }, new INDArray[] { dx, target }, conv2dArgs(w, stride, pad));
		if (accumulate) dw.addi(target);
	}

	@Override
	public void convTranspose3d(Tensor x, Tensor w, int stride, int pad, Tensor y) {
		if (direct != null) {
			direct.convolutions.convTranspose3d(n(x), n(w), stride, pad, n(y));
			return;
		}
		exec("deconv3d", new INDArray[] { a(x), a(w) }, new INDArray[] { a(y) }, conv3dArgs(a(w), stride, pad));
	}

	@Override
	public void convTranspose3dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw,
		boolean accumulate)
	{
		if (direct != null) {
			direct.convolutions.convTranspose3dBackwardFilter(n(x), n(dy), stride, pad, n(dw), accumulate);
			return;
		}
		convTranspose3dBackward(x, null, dy, stride, pad, null, dw, accumulate);
	}

	@Override
	public void convTranspose3dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate)
	{
		if (direct != null) {
			if (dx != null) direct.convolutions.convTranspose3dBackwardData(n(dy), n(w), stride, pad, n(dx));
			direct.convolutions.convTranspose3dBackwardFilter(n(x), n(dy), stride, pad, n(dw), accumulate);
			return;
		}
		INDArray xs = a(x);
		INDArray ws = w == null ? weightsLike(dw) : a(w);
		INDArray dxs = dx == null ? scratch("deconv3dDx", xs.shape()) : a(dx);
		INDArray target = accumulate ? scratch("deconv3dDw", a(dw).shape()) : a(dw);
		exec("deconv3d_bp", new INDArray[] { xs, ws, a(dy) }, new INDArray[] { dxs, target }, conv3dArgs(ws,
			stride, pad));
		if (accumulate) a(dw).addi(target);
	}

	// --- batch normalisation ---------------------------------------------------------------------------

	private static int[] spatial(INDArray x) {
		return x.rank() == 5 ? SPATIAL_3D : SPATIAL_2D;
	}

	@Override
	public void batchNormTrain(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor y, Tensor mean, Tensor var) {
		if (direct != null) {
			direct.batchNorm.train(n(x), n(gamma), n(beta), eps, n(y), n(mean), n(var));
			return;
		}
		INDArray xs = a(x), ys = a(y);
		int[] dims = spatial(xs);
		xs.mean(a(mean), dims);
		a(var).assign(xs.var(false, dims));
		normalise(xs, a(gamma), a(beta), a(mean), a(var), eps, ys);
	}

	private void normalise(INDArray x, INDArray gamma, INDArray beta, INDArray mean, INDArray var, double eps,
		INDArray y)
	{
		INDArray scale = scratch("bnScale", gamma.shape());
		scale.assign(var).addi(eps);
		Transforms.sqrt(scale, false);
		scale.rdivi(gamma);
		Nd4j.exec(new BroadcastSubOp(x, mean, y, 1));
		Nd4j.exec(new BroadcastMulOp(y, scale, y, 1));
		Nd4j.exec(new BroadcastAddOp(y, beta, y, 1));
	}

	@Override
	public void batchNormBackward(Tensor x, Tensor dy, Tensor gamma, Tensor mean, Tensor var, double eps, Tensor dx,
		Tensor dGamma, Tensor dBeta)
	{
		if (direct != null) {
			direct.batchNorm.backward(n(x), n(dy), n(gamma), n(mean), n(var), eps, n(dx), n(dGamma), n(dBeta));
			return;
		}
		INDArray xs = a(x), dys = a(dy), dxs = a(dx);
		if (dxs == dys) throw new IllegalArgumentException("batchNormBackward: dx must not be dy");
		int[] dims = spatial(xs);
		long n = xs.length() / xs.size(1);
		INDArray invStd = scratch("bnInvStd", a(var).shape());
		invStd.assign(a(var)).addi(eps);
		Transforms.sqrt(invStd, false);
		invStd.rdivi(1.0);
		// xhat = (x − μ)/σ
		INDArray xhat = scratch("bnXhat", xs.shape());
		Nd4j.exec(new BroadcastSubOp(xs, a(mean), xhat, 1));
		Nd4j.exec(new BroadcastMulOp(xhat, invStd, xhat, 1));
		dys.sum(a(dBeta), dims);
		dxs.assign(xhat).muli(dys);
		dxs.sum(a(dGamma), dims);
		// dx = γ/(σN) · (N·dy − Σdy − xhat·Σ(dy·xhat))
		Nd4j.exec(new BroadcastMulOp(xhat, a(dGamma), xhat, 1));
		Nd4j.exec(new BroadcastAddOp(xhat, a(dBeta), xhat, 1));
		dxs.assign(dys).muli(n).subi(xhat);
		INDArray factor = scratch("bnFactor", invStd.shape());
		factor.assign(invStd).muli(a(gamma)).divi(n);
		Nd4j.exec(new BroadcastMulOp(dxs, factor, dxs, 1));
	}

	@Override
	public void batchNormInference(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar, double eps,
		Tensor y)
	{
		if (direct != null) {
			direct.batchNorm.inference(n(x), n(gamma), n(beta), n(runMean), n(runVar), eps, n(y));
			return;
		}
		normalise(a(x), a(gamma), a(beta), a(runMean), a(runVar), eps, a(y));
	}

	// --- activations -----------------------------------------------------------------------------------

	@Override
	public void relu(Tensor x, Tensor y) {
		if (direct != null) {
			direct.activations.relu(n(x), n(y));
			return;
		}
		Nd4j.exec(DynamicCustomOp.builder("relu").addInputs(a(x)).addOutputs(a(y)).addFloatingPointArguments(0.0)
			.build());
	}

	@Override
	public void reluMask(Tensor act, Tensor dy, Tensor dx) {
		if (direct != null) {
			direct.activations.reluMask(n(act), n(dy), n(dx));
			return;
		}
		Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(a(act), a(dy)).addOutputs(a(dx)).build());
	}

	@Override
	public void softmaxChannels(Tensor x, Tensor y) {
		if (direct != null) {
			direct.loops.softmaxChannels(a(x), a(y));
			return;
		}
		exec("softmax", new INDArray[] { a(x) }, new INDArray[] { a(y) }, new int[] { 1 });
	}

	@Override
	public void softmaxChannelsBackward(Tensor y, Tensor dy, Tensor dx) {
		if (direct != null) {
			direct.loops.softmaxChannelsBackward(a(y), a(dy), a(dx));
			return;
		}
		INDArray ys = a(y), dys = a(dy), dxs = a(dx);
		long[] shape = ys.shape();
		long[] reduced = new long[shape.length - 1];
		reduced[0] = shape[0];
		System.arraycopy(shape, 2, reduced, 1, shape.length - 2);
		int[] keep = new int[shape.length - 1];
		keep[0] = 0;
		for (int i = 1; i < keep.length; i++)
			keep[i] = i + 1;
		INDArray prod = scratch("softmaxProd", shape);
		INDArray s = scratch("softmaxSum", reduced);
		prod.assign(ys).muli(dys);
		prod.sum(s, 1);
		// dx = y·dy − y·s
		Nd4j.exec(new BroadcastMulOp(ys, s, dxs, keep));
		dxs.rsubi(prod);
	}

	@Override
	public void tanhUnit(Tensor x, Tensor y) {
		INDArray ys = a(y);
		ys.assign(a(x));
		Transforms.tanh(ys, false);
		ys.addi(1.0).muli(0.5);
	}

	@Override
	public void tanhUnitBackward(Tensor y, Tensor dy, Tensor dx) {
		INDArray t = scratch("tanhGrad", a(y).shape());
		t.assign(a(y)).rsubi(1.0).muli(a(y)).muli(2.0);
		a(dx).assign(a(dy)).muli(t);
	}

	// --- slicing and sampling --------------------------------------------------------------------------

	private static INDArray permutedVolumes(INDArray v, int axis) {
		switch (axis) {
			case 0:
				return v.permute(0, 2, 1, 3, 4);
			case 1:
				return v.permute(0, 3, 1, 2, 4);
			case 2:
				return v.permute(0, 4, 1, 2, 3);
			default:
				throw new IllegalArgumentException("axis must be 0, 1 or 2: " + axis);
		}
	}

	/** The slices as a 5D view (never a copy: the slices may be a row view of a larger tensor). */
	private static INDArray slicesAsVolumes(INDArray slices, INDArray permuted) {
		long[] p = permuted.shape();
		int[] shape = new int[p.length];
		for (int i = 0; i < p.length; i++)
			shape[i] = (int) p[i];
		return view(slices, 0, shape);
	}

	@Override
	public void sliceVolumes(Tensor volumes, int axis, Tensor slices) {
		if (direct != null) {
			direct.slicing.slice(n(volumes), axis, n(slices));
			return;
		}
		INDArray p = permutedVolumes(a(volumes), axis);
		slicesAsVolumes(a(slices), p).assign(p);
	}

	@Override
	public void unsliceVolumes(Tensor slices, int axis, Tensor volumes, boolean accumulate) {
		if (direct != null) {
			direct.slicing.unslice(n(slices), axis, n(volumes), accumulate);
			return;
		}
		INDArray p = permutedVolumes(a(volumes), axis);
		INDArray s = slicesAsVolumes(a(slices), p);
		if (accumulate) p.addi(s);
		else p.assign(s);
	}

	@Override
	public void gatherCrops(Tensor stack, int[] picks, int size, Tensor out) {
		if (direct != null) {
			direct.loops.gatherCrops(a(stack), picks, size, a(out));
			return;
		}
		INDArray st = a(stack), o = a(out);
		int n = picks.length / 3;
		if (n != o.size(0)) throw new IllegalArgumentException("gatherCrops: " + n + " picks for " + o.size(0));
		for (int i = 0; i < n; i++) {
			int s = picks[3 * i], y = picks[3 * i + 1], x = picks[3 * i + 2];
			o.slice(i).assign(st.slice(s).get(NDArrayIndex.all(), NDArrayIndex.interval(y, y + size), NDArrayIndex
				.interval(x, x + size)));
		}
	}

	@Override
	public void interpolateRows(Tensor a, int[] ai, Tensor b, int[] bi, double[] eps, Tensor out) {
		if (direct != null) {
			direct.loops.interpolateRows(a(a), ai, a(b), bi, eps, a(out));
			return;
		}
		INDArray as = a(a), bs = a(b), o = a(out);
		for (int i = 0; i < eps.length; i++) {
			INDArray row = o.slice(i);
			row.assign(bs.slice(bi[i])).muli(1.0 - eps[i]);
			row.addi(as.slice(ai[i]).mul(eps[i]));
		}
	}

	// --- arithmetic and reductions ---------------------------------------------------------------------

	@Override
	public void axpy(double alpha, Tensor x, Tensor y) {
		if (direct != null) {
			direct.axpy(alpha, n(x), n(y));
			return;
		}
		Nd4j.getBlasWrapper().level1().axpy(a(x).length(), alpha, a(x), a(y));
	}

	@Override
	public void scale(Tensor x, double alpha) {
		if (direct != null) {
			direct.scale(n(x), alpha);
			return;
		}
		a(x).muli(alpha);
	}

	@Override
	public double sum(Tensor x) {
		return a(x).sumNumber().doubleValue();
	}

	@Override
	public void accumulateSum(Tensor x, double scale, Tensor acc, int slot) {
		if (direct != null) {
			FloatLoops.add(a(acc), slot, scale * direct.loops.sum(a(x)));
			return;
		}
		INDArray s = a(acc);
		s.putScalar(slot, s.getDouble(slot) + scale * sum(x));
	}

	@Override
	public void normPenalty(Tensor g, double target, double weight, Tensor norms, Tensor acc, int slot) {
		if (direct != null) {
			FloatLoops.add(a(acc), slot, direct.loops.normPenalty(a(g), target, weight, norms == null ? null : a(
				norms)));
			return;
		}
		INDArray gs = a(g);
		int n = g.dim(0);
		double penalty = 0;
		for (int i = 0; i < n; i++) {
			INDArray row = gs.slice(i);
			double norm = row.norm2Number().doubleValue();
			if (norms != null) a(norms).putScalar(i, norm);
			penalty += (norm - target) * (norm - target);
			row.muli(norm > 0 ? 2 * weight * (norm - target) / norm : 0);
		}
		INDArray s = a(acc);
		s.putScalar(slot, s.getDouble(slot) + weight * penalty);
	}

	@Override
	public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, double lr, double beta1, double beta2,
		double eps, long step)
	{
		if (direct != null) {
			direct.adamStep(n(param), n(grad), n(m), n(v), lr, beta1, beta2, eps, step);
			return;
		}
		INDArray g = a(grad), ms = a(m), vs = a(v);
		INDArray t = scratch("adam", g.shape());
		ms.muli(beta1).addi(t.assign(g).muli(1.0 - beta1));
		vs.muli(beta2).addi(t.assign(g).muli(g).muli(1.0 - beta2));
		double bc1 = 1.0 - Math.pow(beta1, step), bc2 = 1.0 - Math.pow(beta2, step);
		t.assign(vs).divi(bc2);
		Transforms.sqrt(t, false);
		t.addi(eps).rdivi(ms).muli(lr / bc1);
		a(param).subi(t);
	}

	@Override
	public void argmaxChannels(Tensor x, int b, byte[] labels) {
		INDArray xs = a(x);
		int channels = (int) xs.size(1);
		int voxels = (int) (xs.length() / xs.size(0) / channels);
		checkLength(voxels, labels.length);
		long base = xs.offset() + (long) b * channels * voxels;
		if (type == DataType.FLOAT) {
			FloatBuffer buf = xs.data().asNioFloat();
			IntStream.range(0, voxels).parallel().forEach(v -> {
				int best = 0;
				float max = buf.get((int) (base + v));
				for (int c = 1; c < channels; c++) {
					float value = buf.get((int) (base + (long) c * voxels + v));
					if (value > max) {
						max = value;
						best = c;
					}
				}
				labels[v] = (byte) best;
			});
		}
		else {
			DoubleBuffer buf = xs.data().asNioDouble();
			for (int v = 0; v < voxels; v++) {
				int best = 0;
				double max = buf.get((int) (base + v));
				for (int c = 1; c < channels; c++) {
					double value = buf.get((int) (base + (long) c * voxels + v));
					if (value > max) {
						max = value;
						best = c;
					}
				}
				labels[v] = (byte) best;
			}
		}
	}

	// --- the resize-convolution generator's last stage -------------------------------------------------

	@Override
	public void conv3d(Tensor x, Tensor w, int stride, int pad, Tensor y) {
		if (direct != null) {
			direct.convolutions.conv(n(x), n(w), stride, pad, n(y));
			return;
		}
		exec("conv3dnew", new INDArray[] { a(x), a(w) }, new INDArray[] { a(y) }, conv3dArgs(a(w), stride, pad));
	}

	@Override
	public void conv3dBackwardData(Tensor dy, Tensor w, int stride, int pad, Tensor dx) {
		if (direct != null) {
			direct.convolutions.convBackwardData(n(dy), n(w), stride, pad, n(dx));
			return;
		}
		int k = w.dim(2);
		boolean exact = true;
		for (int i = 2; i < 5; i++)
			exact &= (dy.dim(i) - 1) * stride - 2 * pad + k == dx.dim(i);
		// the transposed convolution with the same weights, read as [in, out, k, k, k], when its output is dx's size
		if (exact) exec("deconv3d", new INDArray[] { a(dy), a(w) }, new INDArray[] { a(dx) }, conv3dArgs(a(w), stride,
			pad));
		else conv3dBackwardInto(scratch("conv3dX", a(dx).shape()), a(w), a(dy), stride, pad, a(dx), scratch("conv3dDw",
			a(
				w).shape()), false);
	}

	@Override
	public void conv3dBackwardFilter(Tensor x, Tensor dy, int stride, int pad, Tensor dw, boolean accumulate) {
		if (direct != null) {
			direct.convolutions.convBackwardFilter(n(x), n(dy), stride, pad, n(dw), accumulate);
			return;
		}
		conv3dBackwardInto(a(x), weightsLike(dw), a(dy), stride, pad, scratch("conv3dDx", a(x).shape()), a(dw),
			accumulate);
	}

	@Override
	public void conv3dBackward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dx, Tensor dw,
		boolean accumulate)
	{
		if (directConvBackward(x, w, dy, stride, pad, dx, dw, accumulate)) return;
		conv3dBackwardInto(a(x), a(w), a(dy), stride, pad, dx == null ? scratch("conv3dDx", a(x).shape()) : a(dx), a(
			dw),
			accumulate);
	}

	private void conv3dBackwardInto(INDArray x, INDArray w, INDArray dy, int stride, int pad, INDArray dx,
		INDArray dw, boolean accumulate)
	{
		INDArray target = accumulate ? scratch("conv3dDwSum", dw.shape()) : dw;
		exec("conv3dnew_bp", new INDArray[] { x, w, dy }, new INDArray[] { dx, target }, conv3dArgs(w, stride, pad));
		if (accumulate) dw.addi(target);
	}

	@Override
	public void upsampleTrilinear(Tensor x, Upsampling at, Tensor y) {
		at.check(x, y);
		// windows of a larger upsampling (generation in slabs, endless axes) have no oneDNN counterpart
		if (direct != null && at.isWhole(x, y)) direct.resampling.forward(n(x), n(y));
		else Trilinear.forward(a(x), at, a(y));
	}

	@Override
	public void upsampleTrilinearBackward(Tensor dy, Upsampling at, Tensor dx) {
		at.check(dx, dy);
		if (direct != null && at.isWhole(dx, dy)) direct.resampling.backward(n(dy), n(dx));
		else Trilinear.backward(a(dy), at, a(dx));
	}

	@Override
	public void addChannelBias(Tensor x, Tensor b, Tensor y) {
		Nd4j.exec(new BroadcastAddOp(a(x), a(b), a(y), 1));
	}

	@Override
	public void channelBiasBackward(Tensor dy, Tensor db) {
		a(dy).sum(a(db), spatial(a(dy)));
	}

	@Override
	public void close() {
		if (direct != null) direct.close();
		for (INDArray s : scratch.values())
			s.close();
		scratch.clear();
	}
}

package sc.fiji.slicegan.backend.nd4j;

import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Float32 loops in Java for the memory-bound operations that oneDNN has no fast primitive for (its softmax over a
 * non-innermost axis is a reference implementation) and that ND4J runs as many small ops: the softmax over channels
 * and its backward, Adam, crops, interpolation, the norm penalty and sums. Each works through heap blocks small
 * enough for the L1 cache, which the JIT vectorises, and splits its range over the cores.
 */
final class FloatLoops implements AutoCloseable {

	private static final int BLOCK = 2048;
	private final ParallelRanges parallel = new ParallelRanges();

	/** A view of the array's memory (the array is dense and row-major). */
	static FloatBuffer floats(INDArray a) {
		long n = a.length();
		return new FloatPointer(new OneDnn.Address().at(OneDnn.address(a))).capacity(n).limit(n).asBuffer();
	}

	private static void get(FloatBuffer from, int at, float[] to, int n) {
		from.position(at);
		from.get(to, 0, n);
	}

	private static void put(float[] from, int n, FloatBuffer to, int at) {
		to.position(at);
		to.put(from, 0, n);
	}

	/** Softmax over axis 1 of {@code [B, C, …]}; y may be x. */
	void softmaxChannels(INDArray x, INDArray y) {
		int batch = (int) x.size(0), channels = (int) x.size(1), voxels = (int) (x.length() / batch / channels);
		FloatBuffer in = floats(x), out = floats(y);
		int blocks = (voxels + BLOCK - 1) / BLOCK;
		parallel.run(batch * blocks, 1, (from, to) -> {
			FloatBuffer src = in.duplicate(), dst = out.duplicate();
			float[][] v = new float[channels][BLOCK];
			float[] max = new float[BLOCK], sum = new float[BLOCK];
			for (int k = from; k < to; k++) {
				int b = k / blocks, start = (k % blocks) * BLOCK, n = Math.min(BLOCK, voxels - start);
				int base = b * channels * voxels + start;
				for (int c = 0; c < channels; c++)
					get(src, base + c * voxels, v[c], n);
				if (channels == 2) {
					// two phases, one exponential per voxel: with d = x0 − x1 and e = exp(−|d|), the larger share is
					// 1 / (1 + e) and the smaller e / (1 + e), both to full relative precision
					for (int i = 0; i < n; i++) {
						float d = v[0][i] - v[1][i], e = (float) Math.exp(-Math.abs(d)), large = 1f / (1f + e), small =
							e * large;
						v[0][i] = d >= 0 ? large : small;
						v[1][i] = d >= 0 ? small : large;
					}
					put(v[0], n, dst, base);
					put(v[1], n, dst, base + voxels);
					continue;
				}
				System.arraycopy(v[0], 0, max, 0, n);
				for (int c = 1; c < channels; c++)
					for (int i = 0; i < n; i++)
						max[i] = Math.max(max[i], v[c][i]);
				java.util.Arrays.fill(sum, 0, n, 0f);
				for (int c = 0; c < channels; c++)
					for (int i = 0; i < n; i++) {
						float e = (float) Math.exp(v[c][i] - max[i]);
						v[c][i] = e;
						sum[i] += e;
					}
				for (int i = 0; i < n; i++)
					sum[i] = 1f / sum[i];
				for (int c = 0; c < channels; c++) {
					for (int i = 0; i < n; i++)
						v[c][i] *= sum[i];
					put(v[c], n, dst, base + c * voxels);
				}
			}
		});
	}

	/** dx = y ⊙ (dy − Σ_c y ⊙ dy) over axis 1; dx may be dy. */
	void softmaxChannelsBackward(INDArray y, INDArray dy, INDArray dx) {
		int batch = (int) y.size(0), channels = (int) y.size(1), voxels = (int) (y.length() / batch / channels);
		FloatBuffer ys = floats(y), dys = floats(dy), dxs = floats(dx);
		int blocks = (voxels + BLOCK - 1) / BLOCK;
		parallel.run(batch * blocks, 1, (from, to) -> {
			FloatBuffer yb = ys.duplicate(), dyb = dys.duplicate(), dxb = dxs.duplicate();
			float[][] yv = new float[channels][BLOCK], dv = new float[channels][BLOCK];
			float[] dot = new float[BLOCK];
			for (int k = from; k < to; k++) {
				int b = k / blocks, start = (k % blocks) * BLOCK, n = Math.min(BLOCK, voxels - start);
				int base = b * channels * voxels + start;
				java.util.Arrays.fill(dot, 0, n, 0f);
				for (int c = 0; c < channels; c++) {
					get(yb, base + c * voxels, yv[c], n);
					get(dyb, base + c * voxels, dv[c], n);
					for (int i = 0; i < n; i++)
						dot[i] += yv[c][i] * dv[c][i];
				}
				for (int c = 0; c < channels; c++) {
					for (int i = 0; i < n; i++)
						dv[c][i] = yv[c][i] * (dv[c][i] - dot[i]);
					put(dv[c], n, dxb, base + c * voxels);
				}
			}
		});
	}

	/** One Adam step in one pass (PyTorch's formulation, as {@link sc.fiji.slicegan.backend.Backend#adamStep}). */
	void adamStep(INDArray param, INDArray grad, INDArray m, INDArray v, double lr, double beta1, double beta2,
		double eps, long step)
	{
		int length = (int) param.length();
		FloatBuffer ps = floats(param), gs = floats(grad), ms = floats(m), vs = floats(v);
		float b1 = (float) beta1, b2 = (float) beta2, e = (float) eps;
		float rate = (float) (lr / (1.0 - Math.pow(beta1, step)));
		float invBias2 = (float) (1.0 / (1.0 - Math.pow(beta2, step)));
		int blocks = (length + BLOCK - 1) / BLOCK;
		parallel.run(blocks, 16, (from, to) -> {
			FloatBuffer pb = ps.duplicate(), gb = gs.duplicate(), mb = ms.duplicate(), vb = vs.duplicate();
			float[] p = new float[BLOCK], g = new float[BLOCK], mv = new float[BLOCK], vv = new float[BLOCK];
			for (int k = from; k < to; k++) {
				int start = k * BLOCK, n = Math.min(BLOCK, length - start);
				get(pb, start, p, n);
				get(gb, start, g, n);
				get(mb, start, mv, n);
				get(vb, start, vv, n);
				for (int i = 0; i < n; i++) {
					float gi = g[i];
					float mi = b1 * mv[i] + (1 - b1) * gi;
					float vi = b2 * vv[i] + (1 - b2) * gi * gi;
					mv[i] = mi;
					vv[i] = vi;
					p[i] -= rate * mi / ((float) Math.sqrt(vi * invBias2) + e);
				}
				put(p, n, pb, start);
				put(mv, n, mb, start);
				put(vv, n, vb, start);
			}
		});
	}

	/** Copies {@code size × size} crops of {@code stack [S, C, H, W]} into {@code out [N, C, size, size]}. */
	void gatherCrops(INDArray stack, int[] picks, int size, INDArray out) {
		int channels = (int) stack.size(1), height = (int) stack.size(2), width = (int) stack.size(3);
		int crops = picks.length / 3;
		if (crops != out.size(0)) throw new IllegalArgumentException("gatherCrops: " + crops + " picks for " + out.size(
			0));
		FloatBuffer src = floats(stack), dst = floats(out);
		parallel.run(crops, 8, (from, to) -> {
			FloatBuffer s = src.duplicate(), d = dst.duplicate();
			for (int i = from; i < to; i++)
				for (int c = 0; c < channels; c++)
					for (int r = 0; r < size; r++) {
						int at = ((picks[3 * i] * channels + c) * height + picks[3 * i + 1] + r) * width + picks[3 * i +
							2];
						s.limit(at + size).position(at);
						d.position(((i * channels + c) * size + r) * size);
						d.put(s);
					}
		});
	}

	/** out[i] = eps[i]·a[ai[i]] + (1 − eps[i])·b[bi[i]] over the first axis. */
	void interpolateRows(INDArray a, int[] ai, INDArray b, int[] bi, double[] eps, INDArray out) {
		int row = (int) (out.length() / out.size(0));
		FloatBuffer as = floats(a), bs = floats(b), os = floats(out);
		parallel.run(eps.length, 1, (from, to) -> {
			FloatBuffer ab = as.duplicate(), bb = bs.duplicate(), ob = os.duplicate();
			float[] x = new float[BLOCK], y = new float[BLOCK];
			for (int i = from; i < to; i++) {
				float e = (float) eps[i], f = (float) (1.0 - eps[i]);
				for (int start = 0; start < row; start += BLOCK) {
					int n = Math.min(BLOCK, row - start);
					get(ab, ai[i] * row + start, x, n);
					get(bb, bi[i] * row + start, y, n);
					for (int j = 0; j < n; j++)
						x[j] = e * x[j] + f * y[j];
					put(x, n, ob, i * row + start);
				}
			}
		});
	}

	/** x = value everywhere. */
	void fill(INDArray x, float value) {
		FloatBuffer xs = floats(x);
		int length = (int) x.length();
		parallel.run((length + BLOCK - 1) / BLOCK, 64, (from, to) -> {
			FloatBuffer b = xs.duplicate();
			float[] block = new float[BLOCK];
			java.util.Arrays.fill(block, value);
			for (int k = from; k < to; k++) {
				int start = k * BLOCK;
				put(block, Math.min(BLOCK, length - start), b, start);
			}
		});
	}

	/** y += a·x, or y = a·y when x is null. */
	void axpy(float a, INDArray x, INDArray y) {
		FloatBuffer xs = x == null ? null : floats(x), ys = floats(y);
		int length = (int) y.length();
		parallel.run((length + BLOCK - 1) / BLOCK, 64, (from, to) -> {
			FloatBuffer xb = xs == null ? null : xs.duplicate(), yb = ys.duplicate();
			float[] xv = new float[BLOCK], yv = new float[BLOCK];
			for (int k = from; k < to; k++) {
				int start = k * BLOCK, n = Math.min(BLOCK, length - start);
				get(yb, start, yv, n);
				if (xb == null) for (int i = 0; i < n; i++)
					yv[i] *= a;
				else {
					get(xb, start, xv, n);
					for (int i = 0; i < n; i++)
						yv[i] += a * xv[i];
				}
				put(yv, n, yb, start);
			}
		});
	}

	/** Σ x in double precision. */
	double sum(INDArray x) {
		FloatBuffer xs = floats(x);
		int length = (int) x.length();
		double s = 0;
		float[] block = new float[BLOCK];
		for (int start = 0; start < length; start += BLOCK) {
			int n = Math.min(BLOCK, length - start);
			get(xs, start, block, n);
			for (int i = 0; i < n; i++)
				s += block[i];
		}
		return s;
	}

	/** Adds {@code value} to element {@code slot} of x. */
	static void add(INDArray x, int slot, double value) {
		FloatBuffer b = floats(x);
		b.put(slot, (float) (b.get(slot) + value));
	}

	/**
	 * The norm penalty of {@link sc.fiji.slicegan.backend.Backend#normPenalty}: each row g_i of g becomes
	 * 2·weight·(‖g_i‖ − target)·g_i/‖g_i‖, and the penalty weight·Σ(‖g_i‖ − target)² is returned.
	 */
	double normPenalty(INDArray g, double target, double weight, INDArray norms) {
		int rows = (int) g.size(0), row = (int) (g.length() / rows);
		FloatBuffer gs = floats(g), ns = norms == null ? null : floats(norms);
		double[] terms = new double[rows];
		parallel.run(rows, 1, (from, to) -> {
			FloatBuffer gb = gs.duplicate();
			float[] x = new float[BLOCK];
			for (int i = from; i < to; i++) {
				double s = 0;
				for (int start = 0; start < row; start += BLOCK) {
					int n = Math.min(BLOCK, row - start);
					get(gb, i * row + start, x, n);
					for (int j = 0; j < n; j++)
						s += (double) x[j] * x[j];
				}
				double norm = Math.sqrt(s);
				terms[i] = (norm - target) * (norm - target);
				if (ns != null) ns.put(i, (float) norm);
				float factor = (float) (norm > 0 ? 2 * weight * (norm - target) / norm : 0);
				for (int start = 0; start < row; start += BLOCK) {
					int n = Math.min(BLOCK, row - start);
					get(gb, i * row + start, x, n);
					for (int j = 0; j < n; j++)
						x[j] *= factor;
					put(x, n, gb, i * row + start);
				}
			}
		});
		double penalty = 0;
		for (double t : terms)
			penalty += t;
		return weight * penalty;
	}

	@Override
	public void close() {
		parallel.close();
	}
}

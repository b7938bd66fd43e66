package sc.fiji.slicegan.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import sc.fiji.slicegan.backend.Upsampling;

/**
 * Trilinear upsampling and its adjoint on the CPU, in plain Java over the arrays' memory: per output plane the two
 * input planes it samples are blended along z, then rows along y, then voxels along x (in double, whatever the
 * arrays' type). The adjoint runs the same steps backwards, one (sample, channel) volume per task, so that no two
 * tasks write the same input.
 */
final class Trilinear {

	private Trilinear() {}

	/** Bulk reads and writes of an array's elements as doubles, float32 or float64 alike. */
	private static final class Elements {

		private final FloatBuffer floats;
		private final DoubleBuffer doubles;
		private final long base;

		Elements(INDArray a) {
			if (a.ordering() != 'c') throw new IllegalArgumentException("trilinear upsampling needs C-ordered arrays");
			base = a.offset();
			boolean f = a.dataType() == DataType.FLOAT;
			floats = f ? a.data().asNioFloat() : null;
			doubles = f ? null : a.data().asNioDouble();
		}

		void read(long at, double[] into, int n) {
			int from = (int) (base + at);
			if (floats != null) {
				float[] tmp = new float[n];
				FloatBuffer b = floats.duplicate();
				b.position(from);
				b.get(tmp);
				for (int i = 0; i < n; i++)
					into[i] = tmp[i];
			}
			else {
				DoubleBuffer b = doubles.duplicate();
				b.position(from);
				b.get(into, 0, n);
			}
		}

		void write(long at, double[] from, int n) {
			int to = (int) (base + at);
			if (floats != null) {
				float[] tmp = new float[n];
				for (int i = 0; i < n; i++)
					tmp[i] = (float) from[i];
				FloatBuffer b = floats.duplicate();
				b.position(to);
				b.put(tmp);
			}
			else {
				DoubleBuffer b = doubles.duplicate();
				b.position(to);
				b.put(from, 0, n);
			}
		}
	}

	/** Output planes per task: enough work per task to outweigh its set-up, enough tasks to share among threads. */
	private static final int PLANES_PER_TASK = 8;

	static void forward(INDArray x, Upsampling at, INDArray y) {
		long[] xs = x.shape(), ys = y.shape();
		int d = (int) xs[2], h = (int) xs[3], w = (int) xs[4], od = (int) ys[2], oh = (int) ys[3], ow = (int) ys[4];
		Upsampling.Taps tz = at.taps(0, od), ty = at.taps(1, oh), tx = at.taps(2, ow);
		Elements in = new Elements(x), out = new Elements(y);
		int blocks = (od + PLANES_PER_TASK - 1) / PLANES_PER_TASK;
		long planes = xs[0] * xs[1];
		IntStream.range(0, (int) (planes * blocks)).parallel().forEach(task -> {
			int nc = task / blocks, from = task % blocks * PLANES_PER_TASK, to = Math.min(od, from + PLANES_PER_TASK);
			double[] p0 = new double[h * w], p1 = new double[h * w], row = new double[w], plane = new double[oh * ow];
			for (int oz = from; oz < to; oz++) {
				in.read(((long) nc * d + tz.first[oz]) * h * w, p0, h * w);
				in.read(((long) nc * d + tz.second[oz]) * h * w, p1, h * w);
				double b = tz.weight[oz], a = 1 - b;
				for (int i = 0; i < h * w; i++)
					p0[i] = a * p0[i] + b * p1[i];
				for (int oy = 0; oy < oh; oy++) {
					int r0 = ty.first[oy] * w, r1 = ty.second[oy] * w;
					double by = ty.weight[oy], ay = 1 - by;
					for (int i = 0; i < w; i++)
						row[i] = ay * p0[r0 + i] + by * p0[r1 + i];
					for (int ox = 0; ox < ow; ox++)
						plane[oy * ow + ox] = (1 - tx.weight[ox]) * row[tx.first[ox]] + tx.weight[ox] *
							row[tx.second[ox]];
				}
				out.write(((long) nc * od + oz) * oh * ow, plane, oh * ow);
			}
		});
	}

	static void backward(INDArray dy, Upsampling at, INDArray dx) {
		long[] xs = dx.shape(), ys = dy.shape();
		int d = (int) xs[2], h = (int) xs[3], w = (int) xs[4], od = (int) ys[2], oh = (int) ys[3], ow = (int) ys[4];
		Upsampling.Taps tz = at.taps(0, od), ty = at.taps(1, oh), tx = at.taps(2, ow);
		Elements in = new Elements(dy), out = new Elements(dx);
		IntStream.range(0, (int) (xs[0] * xs[1])).parallel().forEach(nc -> {
			double[] acc = new double[d * h * w], plane = new double[oh * ow], rows = new double[h * w], row =
				new double[w];
			for (int oz = 0; oz < od; oz++) {
				in.read(((long) nc * od + oz) * oh * ow, plane, oh * ow);
				java.util.Arrays.fill(rows, 0);
				for (int oy = 0; oy < oh; oy++) {
					java.util.Arrays.fill(row, 0);
					for (int ox = 0; ox < ow; ox++) {
						double g = plane[oy * ow + ox];
						row[tx.first[ox]] += (1 - tx.weight[ox]) * g;
						row[tx.second[ox]] += tx.weight[ox] * g;
					}
					int r0 = ty.first[oy] * w, r1 = ty.second[oy] * w;
					double by = ty.weight[oy], ay = 1 - by;
					for (int i = 0; i < w; i++) {
						rows[r0 + i] += ay * row[i];
						rows[r1 + i] += by * row[i];
					}
				}
				int z0 = tz.first[oz] * h * w, z1 = tz.second[oz] * h * w;
				double b = tz.weight[oz], a = 1 - b;
				for (int i = 0; i < h * w; i++) {
					acc[z0 + i] += a * rows[i];
					acc[z1 + i] += b * rows[i];
				}
			}
			out.write((long) nc * d * h * w, acc, d * h * w);
		});
	}
}

package sc.fiji.slicegan.gpu;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.backend.Upsampling;

/**
 * Every backend operation on fixed random inputs, at small sizes, with the outputs collected by name: the CPU
 * backend's outputs are the golden file that the GPU backend is compared with (scripts/gpu-check.sh).
 */
public final class OpCases {

	private final Backend be;
	private final Random rng = new Random(2024);
	final Map<String, float[]> out = new LinkedHashMap<>();

	private OpCases(Backend be) {
		this.be = be;
	}

	public static Map<String, float[]> run(Backend be) {
		OpCases c = new OpCases(be);
		c.all();
		return c.out;
	}

	private Tensor random(int... shape) {
		Tensor t = be.allocate(shape);
		float[] v = new float[(int) t.size()];
		for (int i = 0; i < v.length; i++)
			v[i] = (float) rng.nextGaussian();
		be.upload(v, t);
		return t;
	}

	private void keep(String name, Tensor t) {
		float[] v = new float[(int) t.size()];
		be.download(t, v);
		out.put(name, v);
	}

	private void all() {
		// 2D convolution (the critic's layer shapes, small)
		Tensor x = random(6, 3, 16, 16), w = random(8, 3, 4, 4), y = be.allocate(6, 8, 8, 8), dy = random(6, 8, 8, 8);
		be.conv2d(x, w, 2, 1, y);
		keep("conv2d", y);
		Tensor dx = be.allocate(x.shape()), dw = random(w.shape());
		be.conv2dBackwardData(dy, w, 2, 1, dx);
		keep("conv2d.data", dx);
		be.conv2dBackwardFilter(x, dy, 2, 1, dw, true);
		keep("conv2d.filter+", dw);
		be.conv2dBackward(x, w, dy, 2, 1, dx, dw, false);
		keep("conv2d.both.data", dx);
		keep("conv2d.both.filter", dw);
		Tensor x1 = random(4, 5, 4, 4), w1 = random(1, 5, 4, 4), y1 = be.allocate(4, 1, 1, 1);
		be.conv2d(x1, w1, 2, 0, y1);
		keep("conv2d.last", y1);
		Tensor dy1 = random(y1.shape()), dx1 = be.allocate(x1.shape()), dw1 = random(w1.shape());
		be.conv2dBackwardData(dy1, w1, 2, 0, dx1);
		keep("conv2d.last.data", dx1);
		be.conv2dBackwardFilter(x1, dy1, 2, 0, dw1, true);
		keep("conv2d.last.filter+", dw1);
		be.conv2dBackwardFilter(x1, dy1, 2, 0, dw1, false);
		keep("conv2d.last.filter", dw1);
		// 3D transposed convolution
		Tensor z = random(2, 4, 4, 4, 4), wt = random(4, 3, 4, 4, 4), v = be.allocate(2, 3, 6, 6, 6);
		Tensor dv = random(2, 3, 6, 6, 6);
		be.convTranspose3d(z, wt, 2, 2, v);
		keep("convT3d", v);
		Tensor dz = be.allocate(z.shape()), dwt = random(wt.shape()), scratch = be.allocate(wt.shape());
		be.convTranspose3dBackward(z, wt, dv, 2, 2, dz, scratch, false);
		keep("convT3d.data", dz);
		be.convTranspose3dBackwardFilter(z, dv, 2, 2, dwt, true);
		keep("convT3d.filter+", dwt);
		be.convTranspose3dBackward(z, wt, dv, 2, 2, null, dwt, false);
		keep("convT3d.both.filter", dwt);
		Tensor v3 = be.allocate(2, 3, 6, 6, 6);
		be.convTranspose3d(random(2, 4, 5, 5, 5), random(4, 3, 4, 4, 4), 2, 3, v3);
		keep("convT3d.p3", v3);
		Tensor v4 = be.allocate(2, 2, 12, 12, 12);
		be.convTranspose3d(random(2, 16, 7, 7, 7), random(16, 2, 4, 4, 4), 2, 2, v4);
		keep("convT3d.wide", v4);
		Tensor v5 = be.allocate(1, 12, 6, 6, 6);
		be.convTranspose3d(random(1, 4, 4, 4, 4), random(4, 12, 4, 4, 4), 2, 2, v5);
		keep("convT3d.many", v5);
		// generation's last step: labels of a window of a transposed convolution
		Tensor lx = random(1, 8, 6, 6, 6), lw = random(8, 3, 4, 4, 4);
		int[] origin = { 1, 2, 0 }, size = { 7, 8, 10 };
		byte[][] planes = new byte[size[0] + 1][];
		be.convTranspose3dLabels(lx, lw, 2, 2, origin, size, new byte[] { 5, 0, (byte) 255 }, planes, 1);
		float[] lab = new float[size[0] * size[1] * size[2]];
		for (int zz = 0; zz < size[0]; zz++)
			for (int i = 0; i < size[1] * size[2]; i++)
				lab[zz * size[1] * size[2] + i] = planes[zz + 1][i] & 255;
		out.put("convT3d.labels", lab);
		// batch norm
		Tensor bx = random(3, 4, 5, 5, 5), g = random(4), b = random(4), by = be.allocate(bx.shape());
		Tensor mean = be.allocate(4), var = be.allocate(4), bdy = random(bx.shape()), bdx = be.allocate(bx.shape());
		Tensor dg = be.allocate(4), db = be.allocate(4);
		be.batchNormTrain(bx, g, b, 1e-5, by, mean, var);
		keep("bn.y", by);
		keep("bn.mean", mean);
		keep("bn.var", var);
		be.batchNormBackward(bx, bdy, g, mean, var, 1e-5, bdx, dg, db);
		keep("bn.dx", bdx);
		keep("bn.dgamma", dg);
		keep("bn.dbeta", db);
		be.batchNormInference(bx, g, b, mean, var, 1e-5, by);
		keep("bn.eval", by);
		// activations
		Tensor a = random(2, 3, 4, 4, 4), ay = be.allocate(a.shape()), ad = random(a.shape()), adx = be.allocate(a
			.shape());
		be.relu(a, ay);
		keep("relu", ay);
		be.reluMask(a, ad, adx);
		keep("relu.mask", adx);
		be.softmaxChannels(a, ay);
		keep("softmax", ay);
		be.softmaxChannelsBackward(ay, ad, adx);
		keep("softmax.bwd", adx);
		be.tanhUnit(a, ay);
		keep("tanh", ay);
		be.tanhUnitBackward(ay, ad, adx);
		keep("tanh.bwd", adx);
		// slicing, crops, interpolation
		Tensor vol = random(2, 3, 5, 5, 5), sl = be.allocate(10, 3, 5, 5), back = random(vol.shape());
		for (int axis = 0; axis < 3; axis++) {
			be.sliceVolumes(vol, axis, sl);
			keep("slice" + axis, sl);
			be.unsliceVolumes(sl, axis, back, true);
			keep("unslice+" + axis, back);
		}
		Tensor pair = be.allocate(20, 3, 5, 5);
		try (Tensor second = be.rows(pair, 10, 10)) {
			be.sliceVolumes(vol, 1, second);
		}
		keep("slice.rows", pair);
		Tensor stack = random(2, 3, 9, 11), crops = be.allocate(3, 3, 4, 4);
		be.gatherCrops(stack, new int[] { 1, 5, 7, 0, 0, 0, 1, 2, 3 }, 4, crops);
		keep("crops", crops);
		Tensor mix = be.allocate(2, 3, 4, 4);
		be.interpolateRows(crops, new int[] { 2, 0 }, random(2, 3, 4, 4), new int[] { 1, 0 }, new double[] { 0.25,
			0.8 },
			mix);
		keep("interpolate", mix);
		// arithmetic, reductions, Adam, argmax
		Tensor p = random(50), q = random(50);
		be.axpy(-0.5, p, q);
		keep("axpy", q);
		be.scale(q, 3);
		keep("scale", q);
		Tensor rows = random(4, 7), acc = be.allocate(3), norms = be.allocate(4);
		out.put("sum", new float[] { (float) be.sum(rows) });
		be.accumulateSum(rows, 0.5, acc, 1);
		be.accumulateSum(rows, -2, acc, 1);
		be.normPenalty(rows, 1, 2.5, norms, acc, 2);
		keep("normPenalty.grad", rows);
		keep("normPenalty.norms", norms);
		keep("accumulated", acc);
		Tensor m = be.allocate(50), s = be.allocate(50);
		for (int step = 1; step <= 3; step++)
			be.adamStep(p, q, m, s, 1e-3, 0.9, 0.99, 1e-8, step);
		keep("adam.param", p);
		keep("adam.m", m);
		keep("adam.v", s);
		byte[] labels = new byte[64];
		be.argmaxChannels(a, 1, labels);
		float[] l = new float[labels.length];
		for (int i = 0; i < l.length; i++)
			l[i] = labels[i];
		out.put("argmax", l);
		resizeConvolution();
	}

	/** The resize-convolution generator's ops: conv3d and its gradients, trilinear upsampling, channel bias, labels. */
	private void resizeConvolution() {
		for (int[] c : new int[][] { { 10, 1, 0 }, { 9, 2, 1 } }) {
			int n = c[0], s = c[1], p = c[2], o = (n + 2 * p - 3) / s + 1;
			String name = "conv3d.s" + s;
			Tensor x = random(2, 6, n, n, n), w = random(3, 6, 3, 3, 3), y = be.allocate(2, 3, o, o, o), dy = random(y
				.shape());
			be.conv3d(x, w, s, p, y);
			keep(name, y);
			Tensor dx = be.allocate(x.shape()), dw = random(w.shape());
			be.conv3dBackwardData(dy, w, s, p, dx);
			keep(name + ".data", dx);
			be.conv3dBackwardFilter(x, dy, s, p, dw, true);
			keep(name + ".filter+", dw);
			be.conv3dBackward(x, w, dy, s, p, dx, dw, false);
			keep(name + ".both.data", dx);
			keep(name + ".both.filter", dw);
		}
		// a whole upsampling with each axis its own size, and a window of a larger one as generation in slabs uses
		Tensor x = random(2, 5, 4, 6, 10), y = be.allocate(2, 5, 6, 10, 18), dy = random(y.shape()), dx = random(x
			.shape());
		Upsampling whole = Upsampling.whole(x, y);
		be.upsampleTrilinear(x, whole, y);
		keep("upsample", y);
		be.upsampleTrilinearBackward(dy, whole, dx);
		keep("upsample.bwd", dx);
		Tensor xw = random(1, 3, 5, 5, 5), yw = be.allocate(1, 3, 4, 5, 6), dyw = random(yw.shape());
		Upsampling window = new Upsampling(new double[] { 0.5, 12.0 / 22, 0.5 }, new int[] { 20, 12, 20 }, new int[] {
			3,
			2, 0 }, new int[] { 7, 5, 1 });
		be.upsampleTrilinear(xw, window, yw);
		keep("upsample.window", yw);
		be.upsampleTrilinearBackward(dyw, window, xw);
		keep("upsample.window.bwd", xw);
		Tensor b = random(5), db = be.allocate(5);
		be.addChannelBias(y, b, y);
		keep("bias", y);
		be.channelBiasBackward(dy, db);
		keep("bias.bwd", db);
		Tensor big = random(2, 3, 16, 16, 16), dbig = be.allocate(3);
		be.channelBiasBackward(big, dbig);
		keep("bias.bwd.chunks", dbig);
		// labels of a window of computed logits
		Tensor logits = random(1, 3, 6, 7, 8);
		int[] origin = { 1, 2, 3 }, size = { 4, 5, 4 };
		byte[][] planes = new byte[size[0]][];
		be.argmaxLabels(logits, origin, size, new byte[] { 5, 0, (byte) 255 }, planes, 0);
		float[] lab = new float[size[0] * size[1] * size[2]];
		for (int z = 0; z < size[0]; z++)
			for (int i = 0; i < size[1] * size[2]; i++)
				lab[z * size[1] * size[2] + i] = planes[z][i] & 255;
		out.put("argmax.labels", lab);
	}

	public static void write(Map<String, float[]> values, OutputStream os) throws IOException {
		DataOutputStream out = new DataOutputStream(os);
		out.writeInt(values.size());
		for (Map.Entry<String, float[]> e : values.entrySet()) {
			out.writeUTF(e.getKey());
			out.writeInt(e.getValue().length);
			for (float f : e.getValue())
				out.writeFloat(f);
		}
		out.flush();
	}

	public static Map<String, float[]> read(InputStream is) throws IOException {
		DataInputStream in = new DataInputStream(is);
		Map<String, float[]> values = new LinkedHashMap<>();
		int n = in.readInt();
		for (int i = 0; i < n; i++) {
			String name = in.readUTF();
			float[] v = new float[in.readInt()];
			for (int k = 0; k < v.length; k++)
				v[k] = in.readFloat();
			values.put(name, v);
		}
		return values;
	}
}

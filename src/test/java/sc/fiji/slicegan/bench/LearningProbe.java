package sc.fiji.slicegan.bench;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingConfig;
import ij.IJ;
import ij.ImagePlus;

public class LearningProbe {
	static double[] s2(GeneratedVolume v, int[] rs) {
		double[] out = new double[rs.length];
		int n = v.width;
		for (int k = 0; k < rs.length; k++) {
			int r = rs[k]; long hit = 0, tot = 0;
			for (int z = 0; z < n; z++) for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
				boolean a = v.value(x, y, z, 0) != 0;
				if (x + r < n) { tot++; if (a && v.value(x + r, y, z, 0) != 0) hit++; }
				if (y + r < n) { tot++; if (a && v.value(x, y + r, z, 0) != 0) hit++; }
				if (z + r < n) { tot++; if (a && v.value(x, y, z + r, 0) != 0) hit++; }
			}
			out[k] = (double) hit / tot;
		}
		return out;
	}
	public static void main(String[] args) {
		ImagePlus imp = IJ.openImage("test-images/blobs-2phase.tif");
		byte[] px = (byte[]) imp.getProcessor().getPixels();
		int w = imp.getWidth();
		SourceImage im = SourceImage.ofBytes("blobs", w, imp.getHeight(), px);
		int[] rs = { 0, 1, 2, 4, 8 };
		double[] real = new double[rs.length];
		for (int k = 0; k < rs.length; k++) { long hit = 0, tot = 0; int r = rs[k];
			for (int y = 0; y < w; y++) for (int x = 0; x < w; x++) { boolean a = px[x + y * w] != 0;
				if (x + r < w) { tot++; if (a && px[x + r + y * w] != 0) hit++; }
				if (y + r < w) { tot++; if (a && px[x + (y + r) * w] != 0) hit++; } }
			real[k] = (double) hit / tot; }
		System.out.println("real S2 " + java.util.Arrays.toString(real));
		NetSpec spec = NetSpec.preset(args[0], 2, Head.SOFTMAX);
		TrainingConfig c = new TrainingConfig();
		c.criticBatch = Integer.parseInt(args[1]); c.generatorBatch = 2 * c.criticBatch;
		c.realPerAxis = Integer.parseInt(args[2]); c.learningRate = Double.parseDouble(args[3]);
		c.beta1 = Double.parseDouble(args[4]); c.iterations = Integer.parseInt(args[5]); c.checkpointEvery = 0;
		c.criticSteps = Integer.parseInt(args[6]);
		int every = Integer.parseInt(args[7]);
		try (Backend be = new Nd4jBackend(Precision.FLOAT)) {
			TrainingData data = TrainingData.isotropic(im, null, spec.trainingEdge());
			for (int stop = 0; stop <= c.iterations; stop += every) {
				TrainingConfig ci = c.copy(); ci.iterations = stop;
				// retrain from scratch is wasteful; resume instead
			}
			Trainer t = new Trainer(be, data, spec, c);
			long t0 = System.nanoTime();
			report(be, t, rs, 0, t0);
			t.train(p -> { if (p.iteration % every == 0) { System.out.println(p); report(be, t, rs, p.iteration, t0); } }, null);
		}
	}
	static void report(Backend be, Trainer t, int[] rs, long it, long t0) {
		try (VolumeGenerator g = new VolumeGenerator(be, t.snapshot())) {
			double[] acc = new double[rs.length];
			for (int s = 0; s < 3; s++) { double[] v = s2(g.generateEdge(64, s), rs); for (int k = 0; k < rs.length; k++) acc[k] += v[k] / 3; }
			System.out.printf("it %d (%.0f s) S2 %s%n", it, (System.nanoTime() - t0) / 1e9, java.util.Arrays.toString(acc));
		}
	}
}

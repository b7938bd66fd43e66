package sc.fiji.slicegan.bench;

import java.util.Random;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.OpTimer;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingConfig;

public class ProfileTraining {
	public static void main(String[] args) {
		OpTimer timer = new OpTimer(new Nd4jBackend(Precision.FLOAT));
		Backend be = timer.backend();
		Random r = new Random(1);
		byte[] px = new byte[128 * 128];
		for (int i = 0; i < px.length; i++) px[i] = (byte) (r.nextDouble() < 0.3 ? 255 : 0);
		SourceImage im = SourceImage.ofBytes("rand", 128, 128, px);
		NetSpec spec = NetSpec.preset(args[0], 2, Head.SOFTMAX);
		TrainingConfig c = new TrainingConfig();
		c.criticBatch = Integer.parseInt(args[1]);
		c.generatorBatch = Integer.parseInt(args[2]);
		c.realPerAxis = Integer.parseInt(args[3]);
		c.iterations = Integer.parseInt(args[4]);
		c.checkpointEvery = 0;
		TrainingData data = TrainingData.isotropic(im, null, spec.trainingEdge());
		try (Trainer t = new Trainer(be, data, spec, c)) {
			long t0 = System.nanoTime();
			t.train(p -> { System.out.println(p + String.format("  (%.0f ms)", (System.nanoTime() - t0) / 1e6)); if (p.iteration == 1) timer.reset(); }, null);
		}
		System.out.println(timer.report());
	}
}

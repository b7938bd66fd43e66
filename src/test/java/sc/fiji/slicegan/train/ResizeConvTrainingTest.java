package sc.fiji.slicegan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.TestImages;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.TestNets;

/**
 * A few training iterations of a tiny resize-convolution network on the CPU, from PyTorch's initialisation: the losses
 * stay finite, the weights move, and the model generates labelled volumes.
 */
class ResizeConvTrainingTest {

	@Test
	void trainsAFewIterationsAndGenerates() {
		NetSpec spec = TestNets.tinyRc(2, Head.SOFTMAX);
		assertEquals(GeneratorKind.RESIZE_CONV, spec.kind);
		TrainingConfig c = TrainingConfig.quick();
		c.iterations = 3;
		c.criticBatch = 2;
		c.generatorBatch = 2;
		c.criticSteps = 2;
		c.realPerAxis = 8;
		c.checkpointEvery = 0;
		c.init = "pytorch";
		List<TrainingProgress> steps = new ArrayList<>();
		try (Backend be = new Nd4jBackend(Precision.FLOAT); Trainer t = new Trainer(be, TrainingData.isotropic(
			TestImages
				.discs(48, 0.3, 4, 1), null, spec.trainingEdge()), spec, c))
		{
			float[] before = t.snapshot().tensors.get("G.rc.w").clone();
			ModelState m = t.train(steps::add).model;
			assertEquals(3, steps.size());
			for (TrainingProgress p : steps)
				assertTrue(p.finite(), "finite losses: " + p);
			float[] after = m.tensors.get("G.rc.w");
			double moved = 0;
			for (int i = 0; i < after.length; i++)
				moved += Math.abs(after[i] - before[i]);
			assertTrue(moved > 0, "the resize convolution's weights change");
			assertTrue(m.tensors.containsKey("adam.m/G.rc.b"), "its bias is optimised");
			try (VolumeGenerator g = new VolumeGenerator(be, m)) {
				GeneratedVolume v = g.generateEdge(20, 1);
				assertEquals(20, v.depth);
				for (byte[] plane : v.planes)
					for (byte b : plane)
						assertTrue(b == 0 || b == (byte) 255, "phase values");
			}
		}
	}
}

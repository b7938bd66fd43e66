package sc.fiji.slicegan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.TestImages;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.TestNets;
import sc.fiji.slicegan.train.Trainer;

/** Input a user can get wrong is refused with a message that says what is wrong and what to do. */
class BadInputTest {

	private static String message(Executable e) {
		return assertThrows(BadInputException.class, e).getMessage();
	}

	private static void assertMentions(String message, String... words) {
		for (String w : words)
			assertTrue(message.contains(w), "'" + message + "' should mention '" + w + "'");
	}

	@Test
	void imageSmallerThanTheCrop() {
		assertMentions(message(() -> TrainingData.isotropic(TestImages.discs(40, 0.3, 3, 1), null, 64)),
			"smaller than the 64×64 training crops", "larger image");
	}

	@Test
	void tooManyValuesForNPhase() {
		assertMentions(message(() -> TrainingData.isotropic(TestImages.noise(80, 200, 1), ImageKind.N_PHASE, 64)),
			"distinct values", "unsegmented or JPEG-compressed", "grayscale");
		// in auto mode the same image is taken as grayscale
		assertEquals(ImageKind.GRAYSCALE, TrainingData.isotropic(TestImages.noise(80, 200, 1), null, 64).kind);
	}

	@Test
	void singleValuedImage() {
		assertMentions(message(() -> TrainingData.isotropic(TestImages.constant(80, 7), null, 64)), "single value",
			"at least two phases");
	}

	@Test
	void anisotropicImagesWithDifferentPhases() {
		SourceImage a = TestImages.discs(80, 0.3, 4, 1);
		byte[] px = new byte[80 * 80];
		for (int i = 0; i < px.length; i++)
			px[i] = (byte) (i % 7 == 0 ? 128 : 0);
		SourceImage b = SourceImage.ofBytes("other", 80, 80, px);
		assertMentions(message(() -> TrainingData.anisotropic(a, b, b, null, 64)), "different phases", "[0, 255]",
			"[0, 128]");
	}

	@Test
	void rgbForNPhase() {
		int[] rgb = new int[80 * 80];
		Arrays.fill(rgb, 0x00ff00);
		SourceImage im = new SourceImage("rgb", 80, 80, 1, rgb, true, 255);
		assertMentions(message(() -> TrainingData.isotropic(im, ImageKind.N_PHASE, 64)), "RGB", "segmented");
	}

	@Test
	void specsThatBreakTheRulesNameTheRuleAndTheLayer() {
		NetSpec good = NetSpec.table1(2, Head.SOFTMAX);
		assertEquals(64, good.validate().trainingEdge());
		assertEquals(32, NetSpec.small(2, Head.SOFTMAX).validate().trainingEdge());
		assertMentions(message(() -> withLayer(good, 1, new LayerSpec(256, 4, 4, 2)).validate()), "layer 2",
			"s < k");
		assertMentions(message(() -> withLayer(good, 2, new LayerSpec(128, 5, 2, 3)).validate()), "layer 3",
			"k mod s = 0");
		assertMentions(message(() -> withLayer(good, 0, new LayerSpec(512, 4, 2, 1)).validate()), "layer 1",
			"p ≥ k − s");
		assertMentions(message(() -> NetSpec.preset("huge", 2, Head.SOFTMAX)), "table1", "small");
	}

	private static NetSpec withLayer(NetSpec s, int i, LayerSpec l) {
		java.util.List<LayerSpec> g = new java.util.ArrayList<>(s.generator);
		g.set(i, l);
		return new NetSpec(s.channels, s.head, s.latentChannels, s.latentSize, g, s.critic);
	}

	@Test
	void latentSmallerThanFour() {
		try (Backend be = new Nd4jBackend(Precision.FLOAT)) {
			NetSpec spec = TestNets.tiny(2, Head.SOFTMAX);
			TrainingConfig c = new TrainingConfig();
			c.iterations = 1;
			ModelState m;
			try (Trainer t = new Trainer(be, TrainingData.isotropic(TestImages.discs(32, 0.3, 3, 1), null, 16), spec,
				c))
			{
				m = t.snapshot();
			}
			try (VolumeGenerator g = new VolumeGenerator(be, m)) {
				assertMentions(message(() -> g.generate(3, 1)), "at least 4");
				assertMentions(message(() -> g.generateEdge(0, 1)), "at least 1 voxel");
				assertEquals(4, VolumeGenerator.latentFor(spec, 10));
				assertEquals(spec.volumeEdge(5), g.generateEdge(spec.volumeEdge(4) + 1, 1).depth + (spec.volumeEdge(5) -
					spec.volumeEdge(4) - 1));
			}
		}
	}

	@Test
	void badTrainingSettings() {
		TrainingConfig c = new TrainingConfig();
		c.learningRate = -1;
		assertMentions(message(c::validate), "learning rate");
	}
}

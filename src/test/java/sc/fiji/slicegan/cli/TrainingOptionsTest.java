package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.model.ModelState;

/** The training options reach the loop and are stored in the model: the schedule (by its steps) and the init. */
class TrainingOptionsTest {

	private static ModelState train(Path model, String... more) {
		String[] base = { "train", "--image", "test-images/blobs-2phase.tif", "--model", model.toString(), "--network",
			"small", "--iterations", "2", "--critic-batch", "1", "--critic-steps", "2", "--learning-rate", "1e-5" };
		String[] args = new String[base.length + more.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(more, 0, args, base.length, more.length);
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		assertEquals(0, code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
		return ModelFile.load(model);
	}

	@Test
	void theReferenceScheduleStepsTheCriticOncePerAxis(@TempDir Path dir) {
		ModelState paper = train(dir.resolve("paper.zip"), "--schedule", "paper", "--generator-batch", "1");
		assertEquals("paper", paper.config.schedule);
		// one critic (isotropic): one step per critic step
		assertEquals(2L * 2, paper.optimizerSteps.get("D"));
		ModelState reference = train(dir.resolve("reference.zip"), "--schedule", "reference");
		assertEquals("reference", reference.config.schedule);
		// a step after each of the three axes, and the published m_G and real-crop count
		assertEquals(3L * 2 * 2, reference.optimizerSteps.get("D"));
		assertEquals(8, reference.config.generatorBatch);
		assertEquals(1, reference.config.realPerAxis(32));
		assertEquals(2L, reference.optimizerSteps.get("G"));
		// the default is the published loop; Algorithm 1 as printed takes the paper's m_G = 2·m_D when none is given
		assertEquals("reference", train(dir.resolve("default.zip")).config.schedule);
		assertEquals(2, train(dir.resolve("paper-mg.zip"), "--schedule", "paper").config.generatorBatch);
	}

	@Test
	void theLiveFidelityHistorySurvivesSaveLoadAndResume(@TempDir Path dir) {
		Path model = dir.resolve("fidelity.zip");
		ModelState first = train(model, "--generator-batch", "1", "--fidelity-every", "1");
		assertTrue(first.fidelity.size() >= 1, "measured at least at the end");
		FidelityPoint last = first.fidelity.get(first.fidelity.size() - 1);
		assertEquals(2, last.iteration);
		assertTrue(last.phaseFraction >= 0 && last.phaseFraction <= 1 && last.surfaceArea >= 0 && last.s2 >= 0, last
			.toString());
		ModelState resumed = train(model, "--resume", model.toString(), "--iterations", "2", "--fidelity-every", "1");
		assertEquals(4, resumed.iteration);
		assertTrue(resumed.fidelity.size() > first.fidelity.size(), "the history goes on");
		for (int i = 0; i < first.fidelity.size(); i++)
			assertEquals(first.fidelity.get(i).s2, resumed.fidelity.get(i).s2, 0, "kept as it was");
		assertEquals(4, resumed.fidelity.get(resumed.fidelity.size() - 1).iteration);
	}

	@Test
	void theInitialisationIsStoredAndUsed(@TempDir Path dir) {
		ModelState m = train(dir.resolve("init.zip"), "--init", "pytorch", "--generator-batch", "1");
		assertEquals("pytorch", m.config.init);
		// PyTorch's default: U(±1/√fan_in); two Adam steps of 1e-5 move a weight by at most 2e-5
		float[] w = m.tensors.get("D.w1");
		int[] shape = m.shapes.get("D.w1");
		double bound = 1 / Math.sqrt(shape[1] * shape[2] * shape[3]), max = 0;
		for (float x : w)
			max = Math.max(max, Math.abs(x));
		assertTrue(max <= bound + 1e-4 && max > 0.5 * bound, "max |w| " + max + " vs bound " + bound);
	}
}

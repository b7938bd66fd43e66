package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;

/**
 * Faults while training: a run killed with SIGKILL at random moments (several of them while it writes a checkpoint)
 * leaves a model that loads, and that resumes with exactly the losses of an uninterrupted run; the next run removes
 * what the killed save left. Two runs on one model file: the second refuses, and no model is lost.
 */
class CheckpointKillTest {

	private static final int ITERATIONS = 20;
	private static final Pattern LOSSES = Pattern.compile(
		"iteration (\\d+)/\\d+  D\\(real\\) (\\S+)  D\\(fake\\) (\\S+)  W \\S+  GP (\\S+)  G (\\S+)");

	private static String[] train(Path model, int iterations, String... more) {
		List<String> a = new ArrayList<>(List.of("train", "--image", "test-images/blobs-2phase.tif", "--model", model
			.toString(), "--network", "small", "--iterations", String.valueOf(iterations), "--critic-batch", "1",
			"--generator-batch", "1", "--critic-steps", "2", "--real-crops", "8", "--seed", "5", "--checkpoint-every",
			"1"));
		a.addAll(List.of(more));
		return a.toArray(new String[0]);
	}

	private static String run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		String text = out.toString(StandardCharsets.UTF_8);
		assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
		return text;
	}

	/** Iteration → "D(real) D(fake) GP G" as printed. */
	private static TreeMap<Integer, String> losses(String log) {
		TreeMap<Integer, String> m = new TreeMap<>();
		Matcher x = LOSSES.matcher(log);
		while (x.find())
			m.put(Integer.parseInt(x.group(1)), x.group(2) + " " + x.group(3) + " " + x.group(4) + " " + x.group(5));
		return m;
	}

	private static List<Path> temporaries(Path dir) throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
		}
	}

	@Test
	void killedRunsLeaveModelsThatResumeExactly(@TempDir Path dir) throws Exception {
		TreeMap<Integer, String> reference = losses(run(train(dir.resolve("reference.zip"), ITERATIONS)));
		assertEquals(ITERATIONS, reference.size());
		Random random = new Random(11);
		Path model = dir.resolve("killed.zip");
		int duringSave = 0, resumed = 0;
		for (int trial = 0; trial < 10; trial++) {
			long t0 = System.nanoTime();
			Files.deleteIfExists(model);
			ChildJvm child = new ChildJvm(train(model, ITERATIONS));
			assertTrue(child.await("checkpoint: ", 60000), "training did not start:\n" + child.output());
			if (trial % 2 == 0) {
				// a checkpoint is on disk; wait for the next one being written, and kill it then
				long end = System.currentTimeMillis() + 20000;
				while (temporaries(dir).isEmpty() && child.process.isAlive() && System.currentTimeMillis() < end)
					Thread.sleep(1);
				if (!temporaries(dir).isEmpty()) duringSave++;
			}
			else Thread.sleep(random.nextInt(1500));
			child.process.destroyForcibly();
			assertTrue(child.process.waitFor(20, TimeUnit.SECONDS));
			if (!Files.exists(model)) continue;
			ModelState m = ModelFile.load(model);
			int done = (int) m.iteration;
			if (done >= ITERATIONS) continue;
			// resume in place for the rest: the losses are those of the uninterrupted run
			TreeMap<Integer, String> rest = losses(run(train(model, ITERATIONS - done, "--resume", model.toString())));
			assertEquals(reference.subMap(done + 1, ITERATIONS + 1), rest, "resumed from iteration " + done);
			assertEquals(ITERATIONS, ModelFile.load(model).iteration);
			assertTrue(temporaries(dir).isEmpty(), "left over: " + temporaries(dir));
			resumed++;
			System.err.printf("kill %d: resumed from iteration %d (%.1f s)%n", trial, done, (System.nanoTime() - t0) /
				1e9);
		}
		assertTrue(duringSave >= 4, "only " + duringSave + " kills during a save");
		assertTrue(resumed >= 8, "only " + resumed + " of 10 killed runs resumed");
	}

	@Test
	void aSecondRunOnTheSameModelRefuses(@TempDir Path dir) throws Exception {
		Path model = dir.resolve("shared.zip");
		ChildJvm first = new ChildJvm(train(model, 20));
		assertTrue(first.await("iteration 2/", 60000), first.output());
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(train(model, 5, "--overwrite"), new PrintStream(out, true), new PrintStream(err, true));
		String message = err.toString(StandardCharsets.UTF_8);
		assertEquals(2, code, message);
		assertTrue(message.contains("Another SliceGAN run is writing") && message.contains("training on"), message);
		assertEquals(0, first.waitFor(), first.output());
		assertEquals(20, ModelFile.load(model).iteration, "the first run's model is whole");
		assertFalse(out.toString(StandardCharsets.UTF_8).contains("Model saved"));
	}
}

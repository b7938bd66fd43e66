package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that would not fit are refused from estimates, before any large allocation: each refusal comes within
 * seconds in a JVM with a small heap, with one message that names the limit and a setting that fits.
 */
class ResourceChecksTest {

	@TempDir
	static Path dir;
	static Path model;

	@BeforeAll
	static void model() {
		model = dir.resolve("m.zip");
		assertEquals(0, Main.run(new String[] { "train", "--image", "test-images/blobs-2phase.tif", "--model", model
			.toString(), "--network", "small", "--iterations", "1", "--critic-batch", "1", "--generator-batch", "1",
			"--critic-steps", "1", "--real-crops", "8" }, new PrintStream(new ByteArrayOutputStream()), System.err));
	}

	/** Runs in a JVM with a 256 MiB heap; returns what it printed after checking exit code 2 and the time. */
	private static String refused(String... args) throws Exception {
		long t0 = System.nanoTime();
		ChildJvm child = new ChildJvm(new String[] { "-Xmx256m" }, args);
		int code = child.waitFor();
		double seconds = (System.nanoTime() - t0) / 1e9;
		String out = child.output();
		assertEquals(2, code, out);
		assertTrue(seconds < 30, "took " + seconds + " s");
		assertTrue(!out.contains("OutOfMemoryError") && !out.contains("hs_err"), out);
		return out;
	}

	private static String[] train(String... more) {
		String[] base = { "train", "--image", "test-images/blobs-2phase.tif", "--model", dir.resolve("big.zip")
			.toString(), "--network", "small", "--iterations", "1" };
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Test
	void trainingThatWouldNotFitIsRefusedFirst() throws Exception {
		String crops = refused(train("--real-crops", "100000000"));
		assertTrue(crops.contains("tensor memory") && crops.contains("With --real-crops"), crops);
		String batch = refused(train("--critic-batch", "100000"));
		assertTrue(batch.contains("tensor memory") && batch.contains("(or less) it fits"), batch);
		String generator = refused(train("--generator-batch", "200000", "--critic-batch", "1", "--real-crops", "8"));
		assertTrue(generator.contains("With --generator-batch"), generator);
	}

	@Test
	void generationThatWouldNotFitIsRefusedFirst() throws Exception {
		String edge = refused("generate", "--model", model.toString(), "--out", dir.resolve("v.tif").toString(),
			"--edge", "5000");
		assertTrue(edge.contains("of memory") && edge.contains("edge of at most"), edge);
		String latent = refused("generate", "--model", model.toString(), "--out", dir.resolve("v.tif").toString(),
			"--latent-size", "2000");
		assertTrue(latent.contains("too large to generate"), latent);
		String slab = refused("generate", "--model", model.toString(), "--out", dir.resolve("v.tif").toString(),
			"--edge", "1024", "--memory-gb", "0.01");
		assertTrue(slab.contains("of memory") && !slab.contains("Generated"), slab);
	}
}

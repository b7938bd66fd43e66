package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) on the command line: a comparison with diffusion solves, in a JVM of its own, ends within 2 s of
 * the signal, says it was cancelled and writes nothing.
 */
class InterruptTest {

	@Test
	void sigintStopsACompareSoon(@TempDir Path dir) throws Exception {
		Path model = dir.resolve("m.zip"), report = dir.resolve("report");
		int trained = Main.run(new String[] { "train", "--image", "test-images/blobs-2phase.tif", "--model", model
			.toString(), "--net", "small", "--iterations", "1", "--critic-batch", "1", "--generator-batch", "1",
			"--critic-steps", "1", "--real-crops", "8" }, new PrintStream(new ByteArrayOutputStream()), System.err);
		assertEquals(0, trained);
		ChildJvm child = new ChildJvm("compare", "--image", "test-images/blobs-2phase.tif", "--model-file", model
			.toString(), "--count", "2", "--edge", "96", "--output-folder", report.toString());
		Process p = child.process;
		assertTrue(child.await("compare: ", 60000), "the comparison did not start:\n" + child.output());
		Thread.sleep(1000);
		assertTrue(p.isAlive(), "the comparison ended before the signal:\n" + child.output());
		long sent = System.nanoTime();
		new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
		assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGINT");
		double seconds = (System.nanoTime() - sent) / 1e9;
		String text = child.output();
		assertTrue(seconds < 2, "ended " + seconds + " s after SIGINT:\n" + text);
		assertTrue(text.contains("cancelled"), text);
		assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
		assertFalse(Files.exists(report.resolve("metrics.csv")), "a cancelled comparison writes nothing");
	}
}

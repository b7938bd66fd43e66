package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
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
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder pb = new ProcessBuilder(java, "-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2", "-cp",
			System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), Main.class.getName(),
			"compare", "--image", "test-images/blobs-2phase.tif", "--model-file", model.toString(), "--count", "2",
			"--edge", "96", "--output-folder", report.toString()).redirectErrorStream(true);
		Process p = pb.start();
		StringBuilder out = new StringBuilder();
		CountDownLatch comparing = new CountDownLatch(1);
		Thread reader = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
				StandardCharsets.UTF_8)))
			{
				for (String line; (line = r.readLine()) != null;) {
					synchronized (out) {
						out.append(line).append('\n');
					}
					if (line.startsWith("compare: ")) comparing.countDown();
				}
			}
			catch (java.io.IOException e) {
				// the process ended
			}
		});
		reader.start();
		assertTrue(comparing.await(60, TimeUnit.SECONDS), "the comparison did not start:\n" + out);
		Thread.sleep(1000);
		assertTrue(p.isAlive(), "the comparison ended before the signal:\n" + out);
		long sent = System.nanoTime();
		new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
		assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGINT");
		double seconds = (System.nanoTime() - sent) / 1e9;
		reader.join(2000);
		String text;
		synchronized (out) {
			text = out.toString();
		}
		assertTrue(seconds < 2, "ended " + seconds + " s after SIGINT:\n" + text);
		assertTrue(text.contains("cancelled"), text);
		assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
		assertFalse(Files.exists(report.resolve("metrics.csv")), "a cancelled comparison writes nothing");
	}
}

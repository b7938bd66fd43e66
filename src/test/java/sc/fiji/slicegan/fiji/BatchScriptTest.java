package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.slicegan.io.ModelFile;

/** scripts/batch-headless.sh over a folder of two images, end to end, in a JVM of its own without a display. */
class BatchScriptTest {

	@Test
	void trainsAndGeneratesForEveryImageInAFolder(@TempDir Path dir) throws Exception {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		Files.copy(Paths.get("test-images/blobs-2phase.tif"), in.resolve("blobs-2phase.tif"));
		Files.copy(Paths.get("test-images/three-phase.tif"), in.resolve("three-phase.tif"));
		Files.write(in.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
		ProcessBuilder pb = new ProcessBuilder("bash", "scripts/batch-headless.sh", in.toString(), out.toString(),
			"network=small iterations=2 critic_batch=1 generator_batch=1 critic_steps=1 real_crops=8 edge=32");
		// the test's class path stands for target/SliceGAN_-*.jar and target/lib
		pb.environment().put("SLICEGAN_CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty(
			"java.class.path")));
		pb.environment().remove("DISPLAY");
		pb.environment().remove("FIJI_DIR");
		pb.redirectErrorStream(true);
		File log = dir.resolve("log.txt").toFile();
		pb.redirectOutput(log);
		Process p = pb.start();
		assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the batch script did not finish in 4 minutes");
		String text = new String(Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), text);
		assertTrue(text.contains("2 image(s) done"), text);
		for (String stem : new String[] { "blobs-2phase", "three-phase" }) {
			assertEquals(2, ModelFile.load(out.resolve(stem + ".zip")).iteration, stem);
			ImagePlus v = IJ.openImage(out.resolve(stem + "-volume.tif").toString());
			assertEquals(32, v.getNSlices(), stem);
			assertEquals(ImagePlus.GRAY8, v.getType(), stem);
		}
	}
}

package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;

/** The command line end to end on a test image: train, generate, compare; and its error messages. */
class MainTest {

	@TempDir
	Path dir;

	/** Runs the command line; asserts the exit code and returns stdout and stderr. */
	static String[] run(int expectedExit, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		String o = out.toString(StandardCharsets.UTF_8), e = err.toString(StandardCharsets.UTF_8);
		assertEquals(expectedExit, code, "exit code; stdout:\n" + o + "\nstderr:\n" + e);
		return new String[] { o, e };
	}

	@Test
	void trainGenerateCompare() throws Exception {
		Path model = dir.resolve("m.zip"), volume = dir.resolve("v.tif");
		String[] train = run(0, "train", "--image", "test-images/blobs-2phase.tif", "--model", model.toString(),
			"--net", "small", "--iterations", "2", "--critic-batch", "1", "--generator-batch", "1", "--critic-steps",
			"1", "--real-per-axis", "8");
		assertTrue(train[0].contains("iteration 2/2"), train[0]);
		ModelState m = ModelFile.load(model);
		assertEquals(2, m.iteration);
		assertTrue(m.source.contains("blobs-2phase"));
		String[] gen = run(0, "generate", "--model", model.toString(), "--out", volume.toString(), "--edge", "40",
			"--seed", "3");
		assertTrue(gen[0].contains("Generated 40×40×40 volume"), gen[0]);
		ImagePlus imp = IJ.openImage(volume.toString());
		assertEquals(40, imp.getWidth());
		assertEquals(40, imp.getNSlices());
		assertEquals(ImagePlus.GRAY8, imp.getType());
		assertEquals(imp.getCalibration().pixelWidth, imp.getCalibration().pixelDepth, 0);
		assertTrue(String.valueOf(imp.getProperty("Info")).contains("seed: 3"));
		// periodic volumes come in whole periods (16 voxels for the small network)
		Path periodic = dir.resolve("p.tif");
		String[] per = run(0, "generate", "--model", model.toString(), "--out", periodic.toString(), "--edge", "40",
			"--periodic", "xyz");
		assertTrue(per[0].contains("Generated 48×48×48 volume"), per[0]);
		assertEquals(48, IJ.openImage(periodic.toString()).getNSlices());
		run(2, "generate", "--model", model.toString(), "--out", periodic.toString(), "--periodic", "xw");
		String[] cmp = run(0, "compare", "--image", "test-images/blobs-2phase.tif", "--volume", volume.toString(),
			"--out", dir.resolve("report").toString());
		assertTrue(cmp[0].contains("phase fraction"), cmp[0]);
		for (String f : new String[] { "metrics.csv", "s2.csv", "per-volume.csv" })
			assertTrue(Files.size(dir.resolve("report").resolve(f)) > 0, f);
	}

	@Test
	void mistakesGiveOneMessageAndExitCode2() {
		String[][] cases = { //
			{ "train", "--image", "missing.tif", "--model", "m.zip" }, //
			{ "train", "--image", "test-images/noisy-unsegmented.tif", "--model", "m.zip", "--type", "n-phase" }, //
			{ "train", "--image", "test-images/blobs-2phase.tif", "--model", "m.zip", "--iterations", "many" }, //
			{ "train", "--image", "test-images/blobs-2phase.tif", "--model", "m.zip", "--net", "huge" }, //
			{ "generate", "--model", "test-images/blobs-2phase.tif", "--out", "v.tif" }, //
			{ "train", "--image", "test-images/blobs-2phase.tif", "--modle", "m.zip" } };
		String[] expected = { "does not exist", "unsegmented or JPEG-compressed", "whole number",
			"not a choice for --network",
			"not a SliceGAN model file", "Unknown option --modle" };
		for (int i = 0; i < cases.length; i++) {
			String[] r = run(2, cases[i]);
			assertTrue(r[1].startsWith("error: ") && r[1].contains(expected[i]), r[1]);
			assertFalse(r[1].contains("\tat "), "no stack trace: " + r[1]);
		}
		assertFalse(Files.exists(Path.of("m.zip")));
	}
}

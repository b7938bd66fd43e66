package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import sc.fiji.slicegan.io.ModelFile;

/**
 * Labels that do not fit a byte keep their values from the training image to the model, the generated stack (16-bit,
 * signed where needed, with the values in its info) and the comparison.
 */
class LabelValuesTest {

	private static String run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		assertEquals(0, code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private static Path labels(Path dir, String name, int a, int b, boolean signed) {
		ImageProcessor src = IJ.openImage("test-images/blobs-2phase.tif").getProcessor();
		ShortProcessor sp = new ShortProcessor(src.getWidth(), src.getHeight());
		int shift = signed ? 32768 : 0;
		for (int i = 0; i < src.getPixelCount(); i++)
			sp.set(i, (src.get(i) == 0 ? a : b) + shift);
		ImagePlus imp = new ImagePlus(name, sp);
		if (signed) imp.getCalibration().setSigned16BitCalibration();
		Path file = dir.resolve(name);
		new FileSaver(imp).saveAsTiff(file.toString());
		return file;
	}

	private static void roundTrip(Path dir, String name, int a, int b, boolean signed) {
		Path image = labels(dir, name + ".tif", a, b, signed), model = dir.resolve(name + ".zip"), volume = dir.resolve(
			name + "-volume.tif");
		run("train", "--image", image.toString(), "--model", model.toString(), "--network", "small", "--iterations",
			"2",
			"--critic-batch", "1", "--generator-batch", "1", "--critic-steps", "1", "--real-crops", "8");
		assertArrayEquals(new int[] { a, b }, ModelFile.load(model).phaseValues);
		run("generate", "--model", model.toString(), "--out", volume.toString(), "--edge", "24");
		ImagePlus v = IJ.openImage(volume.toString());
		assertEquals(ImagePlus.GRAY16, v.getType());
		assertEquals(signed, v.getCalibration().isSigned16Bit());
		TreeSet<Integer> values = new TreeSet<>();
		for (int z = 1; z <= v.getStackSize(); z++) {
			ImageProcessor ip = v.getStack().getProcessor(z);
			for (int i = 0; i < ip.getPixelCount(); i++)
				values.add((int) v.getCalibration().getCValue(ip.get(i)));
		}
		assertTrue(values.size() >= 1 && java.util.Set.of(a, b).containsAll(values), "volume values " + values);
		assertTrue(String.valueOf(v.getProperty("Info")).contains("phase values: [" + a + ", " + b + "]"));
		String compare = run("compare", "--image", image.toString(), "--volumes", volume.toString(), "--out", dir
			.resolve(name + "-report").toString());
		assertTrue(compare.contains("phase fraction") && compare.contains(" " + b + "  all"), compare);
		assertTrue(Files.exists(dir.resolve(name + "-report").resolve("metrics.csv")));
	}

	@Test
	void sixteenBitLabelsKeepTheirValues(@TempDir Path dir) {
		roundTrip(dir, "wide", 1000, 65535, false);
	}

	@Test
	void signedLabelsKeepTheirValues(@TempDir Path dir) {
		roundTrip(dir, "signed", -1, 5, true);
	}
}

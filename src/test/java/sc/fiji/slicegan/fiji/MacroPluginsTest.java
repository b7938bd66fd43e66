package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.macro.Interpreter;
import sc.fiji.slicegan.io.ModelFile;

/**
 * The IJ1 plugins driven by ImageJ's own macro interpreter with options, headless (plain ImageJ, with the
 * command table our headless runner sets up), and their messages for bad input.
 */
class MacroPluginsTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void headless() throws Exception {
		System.setProperty("java.awt.headless", "true");
		HeadlessMacro.registerCommands();
	}

	/** Runs a macro in batch mode and returns what it printed (IJ.log goes to standard output headless). */
	static String macro(String code) {
		PrintStream old = System.out;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		try {
			Interpreter.batchMode = true;
			new Interpreter().run("setBatchMode(true); " + code);
		}
		finally {
			System.setOut(old);
		}
		String out = bytes.toString(StandardCharsets.UTF_8);
		old.print(out);
		return out;
	}

	@Test
	void macroTrainsAndGeneratesStacks() throws Exception {
		Path model = dir.resolve("blobs model.zip");
		String out = macro("open('test-images/blobs-2phase.tif');\n" +
			"run('Train SliceGAN...', 'image=blobs-2phase.tif data_type=auto network=small iterations=2 critic_batch=1 " +
			"generator_batch=1 critic_steps=1 real_crops=8 learning_rate=0.0001 backend=cpu seed=3 model_file=[" +
			model +
			"] volume_edge=40');\n" +
			"print('TRAINED ' + getTitle() + ' ' + getWidth() + 'x' + getHeight() + 'x' + nSlices + ' ' + bitDepth() + " +
			"' ' + Property.get('SliceGAN.iteration'));\n" +
			"run('Generate SliceGAN Volumes...', 'model_file=[" + model + "] edge=36 latent_size=0 seed=9 count=2 " +
			"backend=auto');\n" +
			"print('GENERATED ' + nImages + ' ' + getTitle() + ' ' + nSlices + ' ' + Property.get('SliceGAN.seed'));\n" +
			"getVoxelSize(w, h, d, unit); print('VOXEL ' + w + ' ' + d);");
		assertTrue(out.contains("TRAINED blobs-2phase-slicegan 40x40x40 8 2"), out);
		assertTrue(out.contains("GENERATED 4 blobs model-seed10 36 10"), out);
		assertTrue(out.contains("VOXEL 1 1"), out);
		assertEquals(2, ModelFile.load(model).iteration);
	}

	@Test
	void badInputGivesALogLineNotAStackTrace() throws Exception {
		Path m = dir.resolve("m.zip");
		String tiny = " network=small iterations=1 critic_batch=1 generator_batch=1 critic_steps=1 real_crops=8" +
			" model_file=[" + m + "]";
		String[] macros = { //
			"close('*'); run('Train SliceGAN...', 'iterations=1');", //
			"newImage('rgb', 'RGB black', 80, 80, 1); run('Train SliceGAN...', 'image=rgb data_type=n-phase" + tiny +
				"');", //
			"newImage('tiny', '8-bit black', 40, 40, 1); setColor(255); fillOval(5, 5, 20, 20);" +
				" run('Train SliceGAN...', 'image=tiny network=table1 model_file=[" + m + "]');", //
			"open('test-images/blobs-2phase.tif'); open('test-images/rods-along.tif'); run('Train SliceGAN...', " +
				"'image=blobs-2phase.tif image_y=rods-along.tif" + tiny + "');" };
		String[] expected = { "No image is open", "RGB colour image", "smaller than the 64×64", "same size" };
		for (int i = 0; i < macros.length; i++) {
			String out = macro(macros[i] + " close('*');");
			assertTrue(out.contains("SliceGAN error: ") && out.contains(expected[i]), "case " + i + ": " + out);
			assertFalse(out.contains("\tat ") || out.contains("Exception"), "case " + i + ": " + out);
			assertFalse(Files.exists(m), "case " + i);
		}
	}
}

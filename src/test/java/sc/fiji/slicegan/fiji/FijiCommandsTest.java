package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import sc.fiji.slicegan.ij.VolumeProvenance;
import sc.fiji.slicegan.io.ModelFile;

/** The SciJava commands in a SciJava Context, headless, as a script or Fiji's --headless would run them. */
class FijiCommandsTest {

	@TempDir
	static Path dir;
	static Context context;
	static CommandService commands;
	static Path model;

	@BeforeAll
	static void trainOnce() throws Exception {
		System.setProperty("java.awt.headless", "true");
		context = new Context();
		commands = context.service(CommandService.class);
		model = dir.resolve("blobs.zip");
		ImagePlus imp = IJ.openImage("test-images/blobs-2phase.tif");
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.25;
		imp.getCalibration().setUnit("µm");
		Module m = run(TrainCommand.class, tiny(imp, model));
		ImagePlus v = (ImagePlus) m.getOutput("volume");
		assertNotNull(v, "Train returned no volume");
		trained = v;
	}

	static ImagePlus trained;

	@AfterAll
	static void close() {
		context.dispose();
	}

	static Map<String, Object> tiny(ImagePlus imp, Path modelFile) {
		Map<String, Object> in = new HashMap<>();
		// every value given: SciJava remembers the last values of those left out
		for (sc.fiji.slicegan.run.Option o : sc.fiji.slicegan.run.TrainOptions.ALL)
			if (o.offeredInFiji() && o.defaultValue != null) in.put(o.key, o.defaultValue);
		in.put("image", imp);
		in.put("data_type", "auto");
		in.put("network", "small");
		in.put("learning_rate", 1e-4);
		in.put("seed", 42L);
		in.put("backend", "auto");
		in.put("iterations", 2);
		in.put("critic_batch", 1);
		in.put("generator_batch", 1);
		in.put("critic_steps", 1);
		in.put("real_crops", 8);
		in.put("model_file", modelFile.toFile());
		in.put("volume_edge", 40);
		return in;
	}

	/** Through ModuleService: CommandService.run returns no future for commands that are modules themselves. */
	static Module run(Class<? extends org.scijava.command.Command> c, Map<String, Object> inputs) throws Exception {
		return context.service(ModuleService.class).run(commands.getCommand(c), true, inputs).get();
	}

	@Test
	void trainReturnsACalibratedLabelStack() {
		ImagePlus v = trained;
		assertEquals(ImagePlus.GRAY8, v.getType());
		assertEquals(40, v.getWidth());
		assertEquals(40, v.getNSlices());
		assertEquals(1, v.getNChannels());
		assertEquals(1, v.getNFrames());
		assertEquals(0.25, v.getCalibration().pixelWidth, 0);
		assertEquals(0.25, v.getCalibration().pixelDepth, 0);
		assertEquals("µm", v.getCalibration().getUnit());
		assertEquals("2", v.getProp(VolumeProvenance.ITERATION));
		assertEquals("42", v.getProp(VolumeProvenance.SEED));
		assertEquals(model.toString(), v.getProp(VolumeProvenance.MODEL));
		assertTrue(String.valueOf(v.getProperty("Info")).contains("blobs-2phase"));
		// label table: phase 255 is not white
		assertNotEquals(0xffffff, v.getProcessor().getLut().getRGB(255) & 0xffffff);
		assertEquals(2, ModelFile.load(model).iteration);
	}

	@Test
	void generateReturnsEveryVolumeAndImgsShareThePixels() throws Exception {
		Map<String, Object> in = new HashMap<>();
		in.put("model_file", model.toFile());
		in.put("edge", 24);
		in.put("latent_size", 0);
		in.put("seed", 5L);
		in.put("count", 2);
		in.put("backend", "auto");
		Module m = run(GenerateCommand.class, in);
		ImagePlus a = (ImagePlus) m.getOutput("volume"), b = (ImagePlus) m.getOutput("volume_2");
		assertEquals(24, a.getNSlices());
		assertEquals("5", a.getProp(VolumeProvenance.SEED));
		assertEquals("6", b.getProp(VolumeProvenance.SEED));
		PlanarImg<UnsignedByteType, ByteArray> img = VolumeImgs.wrap(a);
		assertEquals(24, img.dimension(2));
		for (int z = 0; z < 24; z++)
			assertSame(a.getStack().getPixels(z + 1), img.getPlane(z).getCurrentStorageArray());
		// writing through the Img writes the stack
		img.randomAccess().setPositionAndGet(3, 4, 5).set(77);
		assertEquals(77, a.getStack().getProcessor(6).get(3, 4));
		assertEquals(24 * 24 * 24, SliceGAN.generate(model.toString(), 24, 5).size());
	}

	@Test
	void latentSizeDecidesTheEdge() throws Exception {
		Map<String, Object> in = new HashMap<>();
		in.put("model_file", model.toFile());
		in.put("latent_size", 5);
		in.put("seed", 1L);
		in.put("count", 1);
		ImagePlus v = (ImagePlus) run(GenerateCommand.class, in).getOutput("volume");
		assertEquals(ModelFile.load(model).spec.volumeEdge(5), v.getWidth());
	}

	@Test
	void compareWritesTablesAndPlots() throws Exception {
		Map<String, Object> in = new HashMap<>();
		in.put("image", IJ.openImage("test-images/blobs-2phase.tif"));
		in.put("model_file", model.toFile());
		in.put("count", 1);
		in.put("edge", 32);
		in.put("seed", 1L);
		in.put("backend", "auto");
		in.put("output_folder", dir.resolve("report").toFile());
		Module m = run(CompareCommand.class, in);
		assertNotNull(m.getOutput("report"));
		assertTrue(Files.size(dir.resolve("report/metrics.csv")) > 0);
		assertTrue(Files.exists(dir.resolve("report/phase-fractions.png")));
	}

	@Test
	void badInputCancelsWithAMessage() throws Exception {
		ImagePlus rgb = new ImagePlus("rgb", new ColorProcessor(80, 80));
		ByteProcessor two = new ByteProcessor(20, 20);
		two.setValue(255);
		two.fillOval(5, 5, 8, 8);
		ImagePlus small = new ImagePlus("small", two);
		ImagePlus blobs = IJ.openImage("test-images/blobs-2phase.tif");
		ImagePlus other = IJ.openImage("test-images/rods-along.tif");
		Object[][] cases = { { "image", rgb, "data_type", "n-phase" }, { "image", small }, { "image", blobs,
			"image_y", other }, { "image", blobs, "iterations", 0 } };
		String[] expected = { "RGB colour image", "smaller than the 32×32", "same size", "iterations must be" };
		for (int i = 0; i < cases.length; i++) {
			Map<String, Object> in = tiny(blobs, dir.resolve("bad" + i + ".zip"));
			for (int k = 0; k < cases[i].length; k += 2)
				in.put((String) cases[i][k], cases[i][k + 1]);
			Module m = run(TrainCommand.class, in);
			String reason = ((org.scijava.Cancelable) m).getCancelReason();
			assertTrue(reason != null && reason.contains(expected[i]), "case " + i + ": " + reason);
			assertFalse(Files.exists(dir.resolve("bad" + i + ".zip")));
		}
		Map<String, Object> in = new HashMap<>();
		in.put("model_file", new File("test-images/blobs-2phase.tif"));
		in.put("latent_size", 0);
		in.put("count", 1);
		Module m = run(GenerateCommand.class, in);
		assertTrue(((org.scijava.Cancelable) m).getCancelReason().contains("not a SliceGAN model file"));
	}

	@Test
	void commandsAreIndexedWithTheirMenusAndBackendChoices() throws Exception {
		Path index = Paths.get("target/classes/META-INF/json/org.scijava.plugin.Plugin");
		String json = new String(Files.readAllBytes(index), StandardCharsets.UTF_8);
		for (Class<?> c : new Class<?>[] { TrainCommand.class, GenerateCommand.class, CompareCommand.class })
			assertTrue(json.contains(c.getName()), c + " is not in the @Plugin index");
		CommandInfo info = commands.getCommand(TrainCommand.class);
		// the menu entries are the IJ1 plugins; the SciJava commands are for scripts and --run, without a menu
		assertTrue(info.getMenuPath() == null || info.getMenuPath().isEmpty(), info.getMenuPath().toString());
		for (String key : new String[] { "image", "image_y", "image_x", "data_type", "network", "iterations",
			"critic_batch", "generator_batch", "critic_steps", "real_crops", "learning_rate", "backend", "seed",
			"model_file", "volume_edge" })
			assertNotNull(info.getInput(key), key);
		TrainCommand fresh = (TrainCommand) info.createModule();
		fresh.setContext(context);
		fresh.initialize();
		assertEquals(java.util.Arrays.asList(sc.fiji.slicegan.backend.Backends.CHOICES), fresh.getInfo().getInput(
			"backend", String.class).getChoices());
	}
}

package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.TrainingConfig;

/**
 * ImageJ with a display (Xvfb): our jar in plugins/, the Plugins &gt; SliceGAN menu, an error dialog, a macro that
 * trains with the progress window, a screenshot of it (kept in target/screenshots/), and Stop.
 */
class FijiGuiTest {

	static final Path SHOTS = Paths.get("target/screenshots");

	@Test
	void imageJMenuMacroProgressWindowAndStop(@TempDir Path dir) throws Exception {
		Path plugins = Files.createDirectories(dir.resolve("ij/plugins"));
		Path jar = plugins.resolve("SliceGAN_.jar");
		jarOf(Paths.get("target/classes"), jar);
		try (JarFile j = new JarFile(jar.toFile())) {
			assertTrue(j.getEntry("META-INF/json/org.scijava.plugin.Plugin") != null, "no @Plugin index in the jar");
			assertTrue(j.getEntry("plugins.config") != null, "no plugins.config in the jar");
		}
		Process xvfb = null;
		String display = null;
		for (int n = 91; n < 100 && display == null; n++) {
			if (new File("/tmp/.X" + n + "-lock").exists()) continue;
			try {
				xvfb = new ProcessBuilder("Xvfb", ":" + n, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
					.redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
			}
			catch (IOException e) {
				Assumptions.abort("Xvfb cannot be started (" + e.getMessage() + "): the display tests need it; " +
					".ci/run installs it (apt-get install xvfb)");
			}
			for (int i = 0; i < 50 && xvfb.isAlive() && !new File("/tmp/.X11-unix/X" + n).exists(); i++)
				Thread.sleep(100);
			if (xvfb.isAlive()) display = ":" + n;
		}
		Assumptions.assumeTrue(display != null, "Xvfb started on no display :91–:99");
		try {
			Path out = Files.createDirectories(dir.resolve("out"));
			Path model = dir.resolve("gui model.zip");
			String cp = Stream.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
				.split(File.pathSeparator)).filter(e -> !Paths.get(e).toAbsolutePath().equals(Paths.get(
					"target/classes")
					.toAbsolutePath())).collect(Collectors.joining(File.pathSeparator));
			List<String> cmd = new ArrayList<>();
			cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
			cmd.add("-Xmx4g");
			cmd.add("-Dplugins.dir=" + dir.resolve("ij"));
			cmd.add("-Duser.home=" + dir); // ImageJ's preferences go here, not into the user's
			cmd.add("-cp");
			cmd.add(cp);
			cmd.add(GuiDriver.class.getName());
			cmd.add(out.toString());
			cmd.add(Paths.get("test-images/blobs-2phase.tif").toAbsolutePath().toString());
			cmd.add(model.toString());
			ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(
				"driver.log").toFile());
			pb.environment().put("DISPLAY", display);
			Process p = pb.start();
			boolean done = p.waitFor(300, TimeUnit.SECONDS);
			if (!done) p.destroyForcibly();
			String log = new String(Files.readAllBytes(dir.resolve("driver.log")), StandardCharsets.UTF_8);
			assertTrue(done, "ImageJ did not finish in 5 minutes:\n" + log);
			Properties r = new Properties();
			try (FileInputStream in = new FileInputStream(out.resolve("report.properties").toFile())) {
				r.load(in);
			}
			Files.createDirectories(SHOTS);
			for (String png : new String[] { "progress-window.png", "progress-window-done.png", "error-dialog.png",
				"train-dialog.png" })
				if (Files.exists(out.resolve(png))) Files.copy(out.resolve(png), SHOTS.resolve(png),
					StandardCopyOption.REPLACE_EXISTING);
			assertNull(r.getProperty("failure"), log);
			assertEquals(TrainPlugin.class.getName(), r.getProperty("train.class"));
			assertEquals(TrainPlugin.COMMAND + "|" + GeneratePlugin.COMMAND + "|" + ComparePlugin.COMMAND + "|" +
				ImportPyTorchPlugin.COMMAND + "|" + ExportPyTorchPlugin.COMMAND, r
					.getProperty("menu.SliceGAN"));
			assertTrue(r.getProperty("error.dialog", "").contains("No image is open"), r.toString());
			assertEquals("true", r.getProperty("stop.pressed"), log);
			String[] result = r.getProperty("macro.result", "").split("\\|");
			assertEquals("blobs-2phase-slicegan", result[0], r.toString());
			assertEquals("32", result[1]);
			assertEquals("8", result[2]);
			long stoppedAt = Long.parseLong(result[3]);
			assertTrue(stoppedAt >= 6 && stoppedAt < 300, "stopped at " + stoppedAt);
			assertEquals(stoppedAt, ModelFile.load(model).iteration, "the model saved on Stop");
			assertTrue(r.getProperty("window.after", "").contains("Done: iteration " + stoppedAt +
				" (stopped early); model saved"), r.toString());
			BufferedImage shot = ImageIO.read(SHOTS.resolve("progress-window.png").toFile());
			assertTrue(shot.getWidth() >= 500 && shot.getHeight() >= 400, shot.getWidth() + "×" + shot.getHeight());
			assertTrue(GuiDriver.distinctColours(shot) > 20, "the screenshot is nearly blank");
			BufferedImage error = ImageIO.read(SHOTS.resolve("error-dialog.png").toFile());
			assertTrue(GuiDriver.distinctColours(error) > 2, "a blank error dialog: " + r);
			// no GPU here: the menu's Train dialog proposes the small network and the quick settings
			String dialog = r.getProperty("train.dialog", "");
			assertTrue(dialog.contains("small") && dialog.contains(String.valueOf(
				TrainingConfig.quick().iterations)) && dialog.contains("Advanced"), dialog);
		}
		finally {
			xvfb.destroy();
			xvfb.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Our jar as Maven packs it: the compiled classes and resources. */
	static void jarOf(Path classes, Path jar) throws IOException {
		try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
			Stream<Path> files = Files.walk(classes))
		{
			for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
				Files.copy(f, out);
				out.closeEntry();
			}
		}
	}
}

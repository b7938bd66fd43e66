package sc.fiji.slicegan.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installation into a Fiji-like folder whose jars/ holds what Fiji 2.18 ships for the libraries SliceGAN also
 * uses (the real jars at pom-scijava 45.0.0's versions, fetched by the build into target/fiji-like): the install
 * script decides by coordinates; ImageJ with Fiji's class-path arrangement trains and generates from a macro; so does
 * plain ImageJ 1 with everything under plugins/ (its own class loader); a failing backend stops the macro with one
 * message; no library is there twice; and --uninstall leaves jars/ exactly as it was.
 */
class FijiInstallTest {

	private static final Path FIJI_JARS = Paths.get("target/fiji-like/jars");
	private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

	private static String run(List<String> cmd, Path dir, Map<String, String> env) throws Exception {
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File("."));
		pb.environment().putAll(env);
		pb.environment().remove("DISPLAY");
		Path log = Files.createTempFile(dir, "run", ".log");
		pb.redirectOutput(log.toFile());
		Process p = pb.start();
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "did not finish: " + cmd);
		String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), cmd + "\n" + out);
		return out;
	}

	private static Map<String, String> hashes(Path dir) throws IOException {
		Map<String, String> h = new TreeMap<>();
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path f : files.collect(Collectors.toList()))
				h.put(dir.relativize(f).toString(), Files.isDirectory(f) ? "dir" : FijiInstaller.sha256(f));
		}
		return h;
	}

	private static String macro(Path dir, String model) throws IOException {
		Path m = dir.resolve(model + ".ijm");
		Files.write(m, ("open('" + Paths.get("test-images/blobs-2phase.tif").toAbsolutePath() + "');\n" +
			"run('Train SliceGAN...', 'image=blobs-2phase.tif network=small iterations=2 critic_batch=1 " +
			"generator_batch=1 critic_steps=1 real_crops=8 backend=cpu model_file=[" + dir.resolve(model + ".zip") +
			"] volume_edge=32');\n" +
			"print('TRAINED ' + getTitle() + ' ' + nSlices + ' ' + bitDepth());\n" +
			"run('Generate SliceGAN Volumes...', 'model_file=[" + dir.resolve(model + ".zip") +
			"] edge=24 count=2');\n" +
			"print('GENERATED ' + nImages + ' ' + nSlices);\n").getBytes(StandardCharsets.UTF_8));
		return m.toString();
	}

	/** Fiji's class path: jars/*.jar, jars/*{@literal /}*.jar and plugins/*.jar. */
	private static String fijiClassPath(Path fiji) throws IOException {
		List<String> cp = new ArrayList<>();
		cp.add(fiji.resolve("jars") + File.separator + "*");
		try (Stream<Path> sub = Files.list(fiji.resolve("jars"))) {
			sub.filter(Files::isDirectory).forEach(d -> cp.add(d + File.separator + "*"));
		}
		cp.add(fiji.resolve("plugins") + File.separator + "*");
		return String.join(File.pathSeparator, cp);
	}

	@Test
	void installRunUninstall(@TempDir Path dir) throws Exception {
		Path fiji = dir.resolve("Fiji.app");
		Files.createDirectories(fiji.resolve("plugins"));
		try (Stream<Path> files = Files.walk(FIJI_JARS)) {
			for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
				Path to = fiji.resolve("jars").resolve(FIJI_JARS.relativize(f).toString());
				Files.createDirectories(to.getParent());
				Files.copy(f, to);
			}
		}
		Map<String, String> before = hashes(fiji.resolve("jars"));
		Map<String, String> env = new HashMap<>();
		env.put("SLICEGAN_PLUGIN", Paths.get("target/classes").toAbsolutePath().toString());
		List<String> install = new ArrayList<>(List.of("bash", "scripts/install-into-fiji.sh", fiji.toString()));
		String report = run(install, dir, env);
		// by coordinates: Fiji's copies kept, ND4J's repackaged Guava under its own name, older JavaCPP moved aside
		assertTrue(report.contains("kept     jars/gson-") && report.contains("kept     jars/jna-5"), report);
		assertTrue(report.contains("added    jars/nd4j-guava-1.0.0-M2.1.jar"), report);
		assertTrue(report.contains("replaced jars/javacpp-1.5.10.jar") && report.contains(
			"replaced jars/linux64/javacpp-1.5.10-linux-x86_64.jar"), report);
		assertTrue(Files.exists(fiji.resolve("jars/linux64/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar")));
		assertTrue(Files.exists(fiji.resolve("jars/guava-33.4.8-jre.jar")), "Google's Guava stays");
		noLibraryTwice(fiji.resolve("jars"));

		// Fiji's class-path arrangement
		String out = run(List.of(JAVA, "-Djava.awt.headless=true", "-cp", fijiClassPath(fiji),
			"sc.fiji.slicegan.fiji.HeadlessMacro", macro(dir, "fiji")), dir, Map.of());
		assertTrue(out.contains("TRAINED blobs-2phase-slicegan 32 8") && out.contains("GENERATED 4 24"), out);

		// plain ImageJ 1: our jars only under plugins/, loaded by ImageJ's plugin class loader
		Path ij1 = dir.resolve("ImageJ");
		Path jars = Files.createDirectories(ij1.resolve("plugins/jars"));
		Files.copy(fiji.resolve("plugins/SliceGAN_-dev.jar"), ij1.resolve("plugins/SliceGAN_-dev.jar"));
		for (String line : Files.readAllLines(fiji.resolve(FijiInstaller.STATE).resolve(FijiInstaller.MANIFEST)))
			if (line.startsWith("added\tjars/")) {
				Path f = fiji.resolve(line.split("\t")[1]);
				Files.copy(f, jars.resolve(f.getFileName()));
			}
		for (String kept : new String[] { "gson-2.10.1.jar", "jna-5.14.0.jar", "jna-platform-5.14.0.jar",
			"commons-lang3-3.18.0.jar", "commons-io-2.20.0.jar", "commons-compress-1.28.0.jar",
			"commons-codec-1.19.0.jar",
			"commons-collections4-4.5.0.jar", "commons-math3-3.6.1.jar", "slf4j-api-2.0.17.jar" })
			Files.copy(fiji.resolve("jars").resolve(kept), jars.resolve(kept));
		Path ij1Macro = dir.resolve("ij1.ijm");
		Files.write(ij1Macro, ("call('sc.fiji.slicegan.fiji.HeadlessMacro.register');\n" + new String(Files
			.readAllBytes(Paths.get(macro(dir, "ij1"))), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
		String ijJar = fiji.resolve("jars/ij-1.54p.jar").toString();
		out = run(List.of(JAVA, "-Djava.awt.headless=true", "-Dplugins.dir=" + ij1, "-cp", ijJar, "ij.ImageJ", "-batch",
			ij1Macro.toString()), dir, Map.of());
		assertTrue(out.contains("TRAINED blobs-2phase-slicegan 32 8") && out.contains("GENERATED 4 24"), out);

		// a backend whose natives fail to load (OpenBLAS missing: UnsatisfiedLinkError): one message, the macro stops
		Files.delete(jars.resolve("openblas-0.3.19-1.5.7-linux-x86_64.jar"));
		Path broken = dir.resolve("broken.ijm");
		Files.write(broken, ("call('sc.fiji.slicegan.fiji.HeadlessMacro.register');\n" + new String(Files.readAllBytes(
			Paths.get(macro(dir, "broken"))), StandardCharsets.UTF_8) + "print('AFTER THE FAILURE');\n").getBytes(
				StandardCharsets.UTF_8));
		ProcessBuilder pb = new ProcessBuilder(JAVA, "-Djava.awt.headless=true", "-Dplugins.dir=" + ij1, "-cp", ijJar,
			"ij.ImageJ", "-batch", broken.toString()).redirectErrorStream(true);
		pb.environment().remove("DISPLAY");
		Process p = pb.start();
		String failed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS));
		assertTrue(failed.contains("SliceGAN error: SliceGAN's CPU libraries") && failed.contains(
			"could not be loaded"),
			failed);
		assertFalse(failed.contains("TRAINED") || failed.contains("AFTER THE FAILURE"), "the macro went on:\n" +
			failed);
		assertFalse(failed.contains("\tat "), "no stack trace:\n" + failed);

		// uninstall: jars/ byte for byte as before
		run(List.of("bash", "scripts/install-into-fiji.sh", "--uninstall", fiji.toString()), dir, env);
		assertEquals(before, hashes(fiji.resolve("jars")));
		assertFalse(Files.exists(fiji.resolve(FijiInstaller.STATE)));
	}

	/** No group:artifact[:classifier] twice, however a jar is identified (its coordinates, or its name). */
	static void noLibraryTwice(Path jars) throws IOException {
		Map<String, String> seen = new HashMap<>();
		try (Stream<Path> files = Files.walk(jars)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".jar")).collect(Collectors.toList())) {
				Artifact a = FijiJars.identify(f);
				String key = a != null ? a.key() : f.getFileName().toString().replaceAll("-\\d.*$", "");
				String other = seen.put(key, f.getFileName().toString());
				assertTrue(other == null, key + " twice: " + other + " and " + f.getFileName());
			}
		}
	}
}

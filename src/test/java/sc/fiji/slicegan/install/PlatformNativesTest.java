package sc.fiji.slicegan.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The native jars packaged for each desktop platform hold that platform's libraries (ND4J's oneDNN + AVX2 build where
 * it is published, its plain build on macOS arm64; the CUDA 13 bindings for Linux and Windows), listed here.
 */
class PlatformNativesTest {

	@Test
	void eachPlatformJarHoldsItsOwnLibraries() throws IOException {
		List<Artifact> all = DependencyList.read(Paths.get("target/slicegan-dependencies.txt"), Platforms.ALL);
		TreeMap<String, List<String>> byPlatform = new TreeMap<>();
		for (Artifact a : all) {
			if (a.classifier == null || a.platform() == null) continue;
			String ext = a.classifier.startsWith("windows") ? ".dll" : a.classifier.startsWith("macosx") ? ".dylib"
				: ".so";
			List<String> libs = libraries(a);
			assertTrue(!libs.isEmpty() || a.artifact.equals("nd4j-native-preset"), a + " has no native libraries");
			for (String lib : libs) {
				assertTrue(lib.contains("/" + a.classifier + "/"), a + ": " + lib + " is not under " + a.classifier);
				assertTrue(lib.endsWith(ext) || lib.matches(".*\\.so(\\.\\d+)+$"), a + ": " + lib + " is no " + ext);
			}
			byPlatform.computeIfAbsent(a.platform(), k -> new ArrayList<>()).add(a + " " + libs.size() +
				" libraries: " +
				libs.stream().map(l -> l.substring(l.lastIndexOf('/') + 1)).sorted().reduce((x, y) -> x + ", " + y)
					.orElse(
						""));
		}
		byPlatform.forEach((p, lines) -> {
			System.out.println(p + ":");
			lines.forEach(l -> System.out.println("  " + l));
		});
		assertEquals(List.of("linux64", "macos-arm64", "macos64", "win64"), new ArrayList<>(byPlatform.keySet()));
		for (String[] expect : new String[][] { { "linux64", "nd4j-native:1.0.0-M2.1:linux-x86_64-onednn-avx2" }, {
			"win64", "nd4j-native:1.0.0-M2.1:windows-x86_64-onednn-avx2" }, { "macos64",
				"nd4j-native:1.0.0-M2.1:macosx-x86_64-onednn-avx2" }, { "macos-arm64",
					"nd4j-native:1.0.0-M2.1:macosx-arm64" },
			{ "linux64", "cuda:13.1-9.19-1.5.13:linux-x86_64" }, { "win64", "cuda:13.1-9.19-1.5.13:windows-x86_64" },
			// the CPU backend calls oneDNN through the dnnl preset, whose classes load the OpenCL preset's library
			{ "linux64", "opencl:3.0-1.5.7:linux-x86_64" }, { "win64", "opencl:3.0-1.5.7:windows-x86_64" }, { "macos64",
				"opencl:3.0-1.5.7:macosx-x86_64" }, { "win64", "dnnl:2.5.2-1.5.7:windows-x86_64" } })
			assertTrue(byPlatform.get(expect[0]).stream().anyMatch(l -> l.contains(expect[1])), expect[0] + " lacks " +
				expect[1]);
		assertTrue(byPlatform.get("linux64").stream().anyMatch(l -> l.contains("onednn-avx2") && l.contains(
			"libjnind4jcpu.so")), "the oneDNN build's ND4J library");
	}

	private static List<String> libraries(Artifact a) throws IOException {
		List<String> libs = new ArrayList<>();
		try (ZipFile zip = new ZipFile(a.file.toFile())) {
			for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
				String n = e.nextElement().getName();
				if (n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib") || n.matches(".*\\.so(\\.\\d+)+$"))
					libs.add(n);
			}
		}
		return libs;
	}
}

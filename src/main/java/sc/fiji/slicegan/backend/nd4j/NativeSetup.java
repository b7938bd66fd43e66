package sc.fiji.slicegan.backend.nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Chooses ND4J's native build before ND4J loads: the oneDNN + AVX2 build where the processor has AVX2 (its
 * convolutions are several times faster), the generic build otherwise. A value set by the user with
 * {@code -Dorg.bytedeco.javacpp.platform.extension=...} is kept.
 */
final class NativeSetup {

	static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";

	private NativeSetup() {}

	static synchronized void prepare() {
		if (System.getProperty(PROPERTY) == null) System.setProperty(PROPERTY, hasAvx2() ? "-onednn-avx2" : "");
	}

	static String build() {
		String ext = System.getProperty(PROPERTY, "");
		return ext.isEmpty() ? "generic x86-64" : ext.substring(1);
	}

	private static boolean hasAvx2() {
		try {
			return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream().anyMatch(l -> l.startsWith("flags") && l
				.contains(" avx2"));
		}
		catch (IOException | RuntimeException e) {
			return false;
		}
	}
}

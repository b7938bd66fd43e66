package sc.fiji.slicegan.backend.nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

import org.bytedeco.javacpp.Loader;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

import sc.fiji.slicegan.BadInputException;

/**
 * Starts ND4J once per process, the way a plugin must:
 * <ul>
 * <li>its native build, chosen before it loads: the oneDNN + AVX2 build where it is packaged and the processor has
 * AVX2 (its convolutions are several times faster), the plain build otherwise; a value set with
 * {@code -Dorg.bytedeco.javacpp.platform.extension=...} is kept;</li>
 * <li>through the class loader that loaded this plugin: ImageJ 1 loads plugins through its own class loader, which
 * the thread's context class loader (where ND4J looks for its backend by default) does not see.</li>
 * </ul>
 */
final class NativeSetup {

	static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
	private static final String FAST = "-onednn-avx2";
	private static boolean started;

	private NativeSetup() {}

	static synchronized void prepare() {
		if (started) return;
		ClassLoader ours = NativeSetup.class.getClassLoader();
		if (System.getProperty(PROPERTY) == null) System.setProperty(PROPERTY, extension(ours));
		ND4JClassLoading.setNd4jClassloader(ours);
		Thread thread = Thread.currentThread();
		ClassLoader before = thread.getContextClassLoader();
		thread.setContextClassLoader(ours);
		try {
			// loads the backend and its natives now, while our class loader is the one ND4J sees
			Nd4j.getBackend();
		}
		finally {
			thread.setContextClassLoader(before);
		}
		started = true;
	}

	static String build() {
		String ext = System.getProperty(PROPERTY, "");
		return ext.isEmpty() ? "plain build" : ext.substring(1);
	}

	/** Which of the packaged native builds to load. */
	private static String extension(ClassLoader loader) {
		String platform = Loader.getPlatform();
		boolean fast = packaged(loader, platform + FAST), plain = packaged(loader, platform);
		Boolean avx2 = avx2();
		if (fast && !Boolean.FALSE.equals(avx2)) return FAST;
		if (plain) return "";
		if (fast) throw new BadInputException("This processor has no AVX2 instructions, which SliceGAN's packaged " +
			"CPU libraries for " + platform + " need. Use a computer with a processor from 2013 or later.");
		throw new BadInputException("SliceGAN has no CPU libraries for " + platform + " here: install the package " +
			"for this platform (scripts/install-into-fiji.sh installs the running platform's).");
	}

	/** Whether ND4J's natives of that platform and build are on the class path. */
	private static boolean packaged(ClassLoader loader, String platform) {
		return loader.getResource("META-INF/native-image/" + platform + "/jnind4jcpu/") != null;
	}

	/** Whether the processor has AVX2: read on Linux; elsewhere unknown (null), where every recent CPU has it. */
	private static Boolean avx2() {
		if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) return null;
		try {
			return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream().anyMatch(l -> l.startsWith("flags") && l
				.contains(" avx2"));
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}
}

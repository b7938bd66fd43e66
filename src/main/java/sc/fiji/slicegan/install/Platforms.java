package sc.fiji.slicegan.install;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** JavaCPP's platform names and the folders Fiji keeps native jars in ({@code jars/linux64} …). */
final class Platforms {

	/** The desktop platforms SliceGAN packages natives for, as JavaCPP names them. */
	static final List<String> ALL = Arrays.asList("linux-x86_64", "windows-x86_64", "macosx-x86_64", "macosx-arm64");

	private Platforms() {}

	/** The Fiji folder of a JavaCPP classifier ({@code linux-x86_64-onednn-avx2} → {@code linux64}); null if none. */
	static String fijiFolder(String classifier) {
		if (classifier.startsWith("linux-x86_64")) return "linux64";
		if (classifier.startsWith("linux-arm64")) return "linux-arm64";
		if (classifier.startsWith("windows-x86_64")) return "win64";
		if (classifier.startsWith("macosx-x86_64")) return "macos64";
		if (classifier.startsWith("macosx-arm64")) return "macos-arm64";
		return null;
	}

	/** The platform this Java runs on, as JavaCPP names it. */
	static String current() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String a = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch.equals("amd64") || arch.equals(
			"x86_64") ? "x86_64" : arch;
		String o = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : "linux";
		return o + "-" + a;
	}

	/** Whether a native jar's classifier belongs to one of the platforms. */
	static boolean selected(String classifier, List<String> platforms) {
		for (String p : platforms)
			if (classifier.startsWith(p)) return true;
		return false;
	}
}

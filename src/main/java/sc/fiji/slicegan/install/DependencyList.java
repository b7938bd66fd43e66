package sc.fiji.slicegan.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libraries the build resolved, as Maven's {@code dependency:list} writes them with file names
 * ({@code group:artifact:jar[:classifier]:version:scope:/path/file.jar}): what goes into Fiji, by coordinates.
 */
final class DependencyList {

	private static final Pattern LINE = Pattern.compile(
		"^\\s*([^:\\s]+):([^:\\s]+):jar(?::([^:\\s]+))?:([^:\\s]+):(compile|runtime|provided|system|test):(.+?)" +
			"(?:\\s+--\\s.*)?\\s*$");

	private DependencyList() {}

	/**
	 * What Fiji needs from the list: the compile and runtime libraries, and the native jars of the given platforms
	 * (some are listed as provided: they are resolved for packaging, not for this machine's class path). Provided
	 * libraries without a classifier (ImageJ, SciJava, imglib2) are Fiji's own.
	 */
	static List<Artifact> read(Path file, List<String> platforms) throws IOException {
		List<Artifact> out = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			Matcher m = LINE.matcher(line);
			if (!m.matches()) continue;
			String scope = m.group(5), classifier = m.group(3);
			if (scope.equals("test") || scope.equals("provided") && classifier == null) continue;
			if (classifier != null && Platforms.fijiFolder(classifier) != null && !Platforms.selected(classifier,
				platforms)) continue;
			out.add(new Artifact(m.group(1), m.group(2), m.group(4), classifier, Paths.get(m.group(6).trim())));
		}
		return out;
	}
}

package sc.fiji.slicegan.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The libraries a Fiji installation already has, by the coordinates each jar records about itself
 * ({@code META-INF/maven/GROUP/ARTIFACT/pom.properties}), never by its file name alone: ND4J's
 * {@code guava-1.0.0-M2.1.jar} is not Google's Guava. A jar built without Maven (JNA's, for one) records none; it is
 * recognised as one of ours only by its name and its classes together ({@link #sameLibrary}).
 */
final class FijiJars {

	private FijiJars() {}

	/** Every jar in {@code jars/}, its platform folders, {@code plugins/} and one level below. */
	static List<Path> jars(Path fiji) throws IOException {
		List<Path> found = new ArrayList<>();
		for (String top : new String[] { "jars", "plugins" }) {
			Path dir = fiji.resolve(top);
			if (!Files.isDirectory(dir)) continue;
			try (Stream<Path> files = Files.walk(dir, 2)) {
				files.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(found::add);
			}
		}
		return found;
	}

	/**
	 * A jar without recorded coordinates taken for {@code ours} (at the version its name gives): its name is
	 * {@code ARTIFACT-VERSION[-CLASSIFIER].jar} and it holds the same classes. Null if it is not.
	 */
	static Artifact sameLibrary(Path jar, Artifact ours) {
		String name = jar.getFileName().toString();
		String prefix = ours.artifact + "-", suffix = (ours.classifier == null ? "" : "-" + ours.classifier) + ".jar";
		if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length())
			return null;
		String version = name.substring(prefix.length(), name.length() - suffix.length());
		if (!Character.isDigit(version.charAt(0))) return null;
		try (ZipFile theirs = new ZipFile(jar.toFile()); ZipFile mine = new ZipFile(ours.file.toFile())) {
			int checked = 0;
			for (Enumeration<? extends ZipEntry> e = mine.entries(); e.hasMoreElements() && checked < 5;) {
				String entry = e.nextElement().getName();
				if (!entry.endsWith(".class")) continue;
				if (theirs.getEntry(entry) == null) return null;
				checked++;
			}
			return checked > 0 ? new Artifact(ours.group, ours.artifact, version, ours.classifier, jar) : null;
		}
		catch (IOException e) {
			return null;
		}
	}

	/** Every jar in {@code jars/}, its platform folders, {@code plugins/} and one level below, that says what it is. */
	static List<Artifact> scan(Path fiji) throws IOException {
		List<Artifact> found = new ArrayList<>();
		for (Path jar : jars(fiji)) {
			Artifact a = identify(jar);
			if (a != null) found.add(a);
		}
		return found;
	}

	/** The coordinates a jar records, with the classifier its name adds after the version; null if unknown. */
	static Artifact identify(Path jar) {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			List<Properties> poms = new ArrayList<>();
			for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
				ZipEntry entry = e.nextElement();
				if (!entry.getName().startsWith("META-INF/maven/") || !entry.getName().endsWith("/pom.properties"))
					continue;
				Properties p = new Properties();
				try (InputStream in = zip.getInputStream(entry)) {
					p.load(in);
				}
				poms.add(p);
			}
			String name = jar.getFileName().toString();
			Properties pom = poms.size() == 1 ? poms.get(0) : null;
			// a jar that bundles others records several (ND4J's Guava records Google's too): its own is the one whose
			// artifact and version its name holds
			for (Properties p : poms)
				if (name.contains(p.getProperty("artifactId", "?") + "-" + p.getProperty("version", "?"))) pom = p;
			if (pom == null) return null;
			String group = pom.getProperty("groupId"), artifact = pom.getProperty("artifactId"), version = pom
				.getProperty("version");
			if (group == null || artifact == null || version == null) return null;
			String stem = name.substring(0, name.length() - ".jar".length());
			int at = stem.indexOf("-" + version + "-");
			String classifier = at >= 0 ? stem.substring(at + version.length() + 2) : null;
			return new Artifact(group, artifact, version, classifier, jar);
		}
		catch (IOException e) {
			return null;
		}
	}
}

package sc.fiji.slicegan.install;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs SliceGAN into a Fiji (or ImageJ) folder, deciding by Maven coordinates: the plugin into {@code plugins/},
 * each library into {@code jars/} (native jars into Fiji's platform folders, {@code jars/linux64} …) unless Fiji has
 * the same group:artifact at a version at least as new, in which case Fiji's copy is kept. An older copy of a
 * library SliceGAN needs newer is moved aside (never two versions in {@code jars/}) and restored on uninstall. What
 * was added and moved is written to {@code .slicegan-install/manifest.tsv}; {@code uninstall} undoes exactly that.
 *
 * <pre>
 * install   FIJI_DIR --dependencies LIST --plugin JAR|CLASSES_DIR [--platform current|all|linux-x86_64,...]
 * uninstall FIJI_DIR
 * overlay   DIR      --dependencies LIST --plugin JAR|CLASSES_DIR [--platform all]   (a Fiji.app overlay, for a zip)
 * </pre>
 *
 * LIST is Maven's {@code dependency:list} output with file names (the build writes
 * {@code target/slicegan-dependencies.txt}).
 */
public final class FijiInstaller {

	static final String STATE = ".slicegan-install", MANIFEST = "manifest.tsv", REPLACED = "replaced";
	static final String PLUGIN_GROUP = "sc.fiji", PLUGIN_ARTIFACT = "SliceGAN_";

	private final PrintStream out;

	FijiInstaller(PrintStream out) {
		this.out = out;
	}

	public static void main(String[] args) {
		try {
			System.exit(new FijiInstaller(System.out).run(args));
		}
		catch (IOException | IllegalArgumentException e) {
			System.err.println("error: " + e.getMessage());
			System.exit(2);
		}
	}

	int run(String[] args) throws IOException {
		if (args.length < 2) throw new IllegalArgumentException("usage: install|uninstall|overlay FIJI_DIR " +
			"[--dependencies LIST --plugin JAR|CLASSES] [--platform current|all|PLATFORM,...]");
		Path target = Paths.get(args[1]);
		Map<String, String> o = new LinkedHashMap<>();
		for (int i = 2; i + 1 < args.length; i += 2)
			o.put(args[i], args[i + 1]);
		switch (args[0]) {
			case "uninstall":
				uninstall(target);
				return 0;
			case "install":
			case "overlay":
				if (!o.containsKey("--dependencies") || !o.containsKey("--plugin")) throw new IllegalArgumentException(
					"install needs --dependencies LIST and --plugin JAR (or the classes folder).");
				String p = o.getOrDefault("--platform", args[0].equals("overlay") ? "all" : "current");
				List<String> platforms = p.equals("all") ? Platforms.ALL : p.equals("current") ? Arrays.asList(Platforms
					.current()) : Arrays.asList(p.split(","));
				if (args[0].equals("overlay")) emptyOverlay(target);
				install(target, DependencyList.read(Paths.get(o.get("--dependencies")), platforms), Paths.get(o.get(
					"--plugin")), args[0].equals("install"));
				return 0;
			default:
				throw new IllegalArgumentException("unknown command " + args[0] +
					": use install, uninstall or overlay.");
		}
	}

	/**
	 * An overlay is made from nothing each time: one left by an earlier build (only {@code plugins/} and {@code jars/}
	 * in it) is deleted, so that a rebuild neither moves its own jars aside nor packs them twice. Any other non-empty
	 * folder is refused.
	 */
	static void emptyOverlay(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return;
		List<Path> entries;
		try (Stream<Path> s = Files.list(dir)) {
			entries = s.collect(Collectors.toList());
		}
		for (Path e : entries) {
			String n = e.getFileName().toString();
			if (!n.equals("plugins") && !n.equals("jars") && !n.equals(STATE)) throw new IllegalArgumentException(dir +
				" is not an overlay made by an earlier build (it has " + n + "): give an empty or new folder.");
		}
		for (Path e : entries)
			try (Stream<Path> walk = Files.walk(e)) {
				for (Path f : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator)
					Files.delete(f);
			}
	}

	/** Installs; {@code keepState} writes the manifest that uninstall reads (an overlay has none). */
	void install(Path fiji, List<Artifact> libraries, Path plugin, boolean keepState) throws IOException {
		if (keepState) {
			if (!Files.isDirectory(fiji.resolve("jars")) && !Files.isDirectory(fiji.resolve("plugins")))
				throw new IllegalArgumentException(fiji +
					" has no jars/ or plugins/ folder: give the Fiji.app folder.");
			if (Files.exists(fiji.resolve(STATE).resolve(MANIFEST))) {
				out.println("An earlier SliceGAN installation is there: removing it first.");
				uninstall(fiji);
			}
		}
		List<Artifact> present = keepState ? FijiJars.scan(fiji) : new ArrayList<>();
		List<Path> unknown = new ArrayList<>();
		if (keepState) for (Path jar : FijiJars.jars(fiji))
			if (FijiJars.identify(jar) == null) unknown.add(jar);
		List<String> manifest = new ArrayList<>();
		Path state = fiji.resolve(STATE);
		List<Artifact> all = new ArrayList<>(libraries);
		all.add(0, pluginArtifact(plugin));
		int added = 0, kept = 0, replaced = 0;
		for (Artifact a : all) {
			boolean isPlugin = a.group.equals(PLUGIN_GROUP) && a.artifact.equals(PLUGIN_ARTIFACT);
			Artifact have = fijis(a, present, unknown);
			if (have != null && Versions.compare(have.version, a.version) >= 0 && !isPlugin) {
				out.println("kept     " + fiji.relativize(have.file) + "  (Fiji has " + have + "; SliceGAN needs " +
					a.version + " or newer)");
				kept++;
				continue;
			}
			if (have != null) {
				Path backup = state.resolve(REPLACED).resolve(fiji.relativize(have.file));
				Files.createDirectories(backup.getParent());
				Files.move(have.file, backup, StandardCopyOption.REPLACE_EXISTING);
				manifest.add("replaced\t" + rel(fiji, have.file) + "\t" + rel(fiji, backup));
				out.println("replaced " + fiji.relativize(have.file) + "  (" + have.version + " is older than the " +
					a.version + " SliceGAN needs; kept in " + fiji.relativize(backup) + " for uninstall)");
				replaced++;
			}
			Path to = isPlugin ? fiji.resolve("plugins").resolve(a.fileName()) : a.platform() != null ? fiji.resolve(
				"jars")
				.resolve(a.platform()).resolve(a.fileName()) : fiji.resolve("jars").resolve(a.fileName());
			if (Files.exists(to)) {
				// a file of that name that is not this library: never overwritten, moved aside like a replaced one
				Path backup = state.resolve(REPLACED).resolve(fiji.relativize(to));
				Files.createDirectories(backup.getParent());
				Files.move(to, backup, StandardCopyOption.REPLACE_EXISTING);
				manifest.add("replaced\t" + rel(fiji, to) + "\t" + rel(fiji, backup));
				out.println("replaced " + fiji.relativize(to) + "  (a different jar of that name; kept in " + fiji
					.relativize(backup) + " for uninstall)");
				replaced++;
			}
			if (!Files.isDirectory(to.getParent())) {
				Files.createDirectories(to.getParent());
				manifest.add(0, "created\t" + rel(fiji, to.getParent()) + "\t-");
			}
			if (isPlugin && Files.isDirectory(plugin)) jar(plugin, to);
			else Files.copy(a.file, to, StandardCopyOption.REPLACE_EXISTING);
			manifest.add("added\t" + rel(fiji, to) + "\t" + sha256(to));
			if (have == null) out.println("added    " + fiji.relativize(to) + "  (" + a + (isPlugin ? ""
				: ", not in Fiji") +
				")");
			added++;
		}
		if (keepState) {
			Files.createDirectories(state);
			Files.write(state.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
			out.println(added + " added, " + kept + " kept, " + replaced + " replaced; " + fiji.relativize(state
				.resolve(
					MANIFEST)) + " lists them (uninstall undoes it). Restart Fiji.");
		}
	}

	/** Fiji's copy of a library: by recorded coordinates, else a jar without them that has its name and classes. */
	private static Artifact fijis(Artifact a, List<Artifact> present, List<Path> unknown) {
		for (Artifact f : present)
			if (f.key().equals(a.key())) return f;
		for (Path jar : unknown) {
			Artifact same = FijiJars.sameLibrary(jar, a);
			if (same != null) return same;
		}
		return null;
	}

	/** Removes what the manifest says was added, and puts back what was moved aside. */
	void uninstall(Path fiji) throws IOException {
		Path state = fiji.resolve(STATE), manifest = state.resolve(MANIFEST);
		if (!Files.exists(manifest)) throw new IllegalArgumentException("SliceGAN is not installed in " + fiji +
			" (no " + STATE + "/" + MANIFEST + ").");
		List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
		for (String line : lines) {
			String[] f = line.split("\t");
			if (f.length == 3 && f[0].equals("added")) {
				Path file = fiji.resolve(f[1]);
				if (Files.exists(file) && !sha256(file).equals(f[2])) out.println("left     " + f[1] +
					"  (changed since " +
					"the installation)");
				else if (Files.deleteIfExists(file)) out.println("removed  " + f[1]);
			}
		}
		for (String line : lines) {
			String[] f = line.split("\t");
			if (f.length == 3 && f[0].equals("replaced")) {
				Files.move(fiji.resolve(f[2]), fiji.resolve(f[1]), StandardCopyOption.REPLACE_EXISTING);
				out.println("restored " + f[1]);
			}
		}
		for (String line : lines) {
			String[] f = line.split("\t");
			if (f.length == 3 && f[0].equals("created")) deleteIfEmpty(fiji.resolve(f[1]));
		}
		deleteTree(state);
		out.println("SliceGAN removed from " + fiji + ".");
	}

	/** The plugin's coordinates: from the jar, or (a classes folder, during the build) SliceGAN_'s own. */
	private static Artifact pluginArtifact(Path plugin) {
		if (Files.isDirectory(plugin)) return new Artifact(PLUGIN_GROUP, PLUGIN_ARTIFACT, "dev", null, plugin);
		Artifact a = FijiJars.identify(plugin);
		if (a == null) throw new IllegalArgumentException(plugin + " is not the SliceGAN_ jar.");
		return a;
	}

	/** A classes folder as a jar (the plugin before the build has packaged it). */
	private static void jar(Path classes, Path to) throws IOException {
		try (OutputStream os = Files.newOutputStream(to); JarOutputStream jar = new JarOutputStream(os);
			Stream<Path> files = Files.walk(classes))
		{
			for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
				jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
				Files.copy(f, jar);
				jar.closeEntry();
			}
		}
	}

	private static String rel(Path fiji, Path p) {
		return fiji.relativize(p).toString().replace('\\', '/');
	}

	static String sha256(Path file) throws IOException {
		try {
			MessageDigest d = MessageDigest.getInstance("SHA-256");
			d.update(Files.readAllBytes(file));
			StringBuilder sb = new StringBuilder();
			for (byte b : d.digest())
				sb.append(String.format("%02x", b));
			return sb.toString();
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void deleteIfEmpty(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) return;
		try (Stream<Path> s = Files.list(dir)) {
			if (!s.findAny().isPresent()) Files.delete(dir);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator)
				Files.delete(p);
		}
	}
}

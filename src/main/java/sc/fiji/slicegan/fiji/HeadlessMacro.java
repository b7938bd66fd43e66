package sc.fiji.slicegan.fiji;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Hashtable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.Menus;
import ij.macro.Interpreter;

/**
 * Runs an ImageJ macro with plain ImageJ and no display:
 * {@code java -Djava.awt.headless=true -cp ... sc.fiji.slicegan.fiji.HeadlessMacro macro.ijm [argument]}.
 * Plain ImageJ builds its command table together with its AWT menus, which a headless JVM cannot make, so
 * {@code run("Train SliceGAN...", ...)} would fail; this registers the commands of our {@code plugins.config}
 * first. (Fiji's {@code --headless} does the same for every command; other menu commands need Fiji.)
 */
public final class HeadlessMacro {

	private static final Pattern ENTRY = Pattern.compile(
		"^[^#\"]*,\\s*\"([^\"]+)\"\\s*,\\s*([\\w.$]+)(\\(\"(.*)\"\\))?\\s*$");

	private HeadlessMacro() {}

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			System.err.println("usage: HeadlessMacro MACRO.ijm [ARGUMENT]");
			System.exit(1);
		}
		System.setProperty("java.awt.headless", "true");
		registerCommands();
		String code = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
		Interpreter interp = new Interpreter();
		// batch mode: images stay in memory (there is no display); on the first line, so line numbers hold
		interp.run("setBatchMode(true); " + code, args.length > 1 ? args[1] : "");
		boolean failed = interp.wasError();
		System.out.flush();
		System.exit(failed ? 3 : 0);
	}

	/**
	 * For a macro in plain ImageJ whose plugins (ours among them) load through ImageJ's plugin class loader:
	 * {@code call("sc.fiji.slicegan.fiji.HeadlessMacro.register");} before the first SliceGAN command.
	 */
	public static String register() throws IOException {
		registerCommands();
		return "registered";
	}

	/** Puts our plugins.config entries into ImageJ's command table (which has none when headless). */
	static synchronized void registerCommands() throws IOException {
		@SuppressWarnings("unchecked")
		Hashtable<String, String> table = (Hashtable<String, String>) Menus.getCommands();
		if (table == null) table = new Hashtable<>();
		try (InputStream in = HeadlessMacro.class.getResourceAsStream("/plugins.config")) {
			if (in == null) throw new IOException("plugins.config is missing from the class path");
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = r.readLine()) != null;) {
				Matcher m = ENTRY.matcher(line.trim());
				if (m.matches()) table.put(m.group(1), m.group(2) + (m.group(4) != null ? "(\"" + m.group(4) + "\")"
					: ""));
			}
		}
		try {
			Field f = Menus.class.getDeclaredField("pluginsTable");
			f.setAccessible(true);
			f.set(null, table);
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			throw new IOException("This ImageJ's command table cannot be set up headless (" + e + "); use Fiji's " +
				"--headless instead.", e);
		}
	}
}

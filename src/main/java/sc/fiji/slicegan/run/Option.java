package sc.fiji.slicegan.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One setting of a use case, defined once: its key, kind, default, range or choices, and help. The command line's
 * parser and usage text, the ImageJ dialogs and their macro keys, and the checks of the SciJava parameters all
 * come from these definitions. The key is the macro key and SciJava parameter name ({@code critic_batch}); the
 * command line writes it with dashes ({@code --critic-batch}).
 */
public final class Option {

	/** What a value is, which decides how it is read and shown. */
	public enum Kind {
		INT, LONG, NUMBER, CHOICE, TEXT, FLAG,
		/** A file to read. */
		FILE,
		/** A file to write. */
		SAVE_FILE,
		FOLDER,
		/** A training or real image: a file on the command line, an open image in Fiji. */
		IMAGE
	}

	/** Where an option is offered: everywhere, or only where it means something. */
	public enum Scope {
		EVERYWHERE,
		/** The command line only (e.g. how often to print a line). */
		COMMAND_LINE,
		/** Fiji only (e.g. the volume shown when training ends). */
		FIJI
	}

	public final String key;
	public final Kind kind;
	/** Integer, Long, Double, String or Boolean; null for options without a default (files, images). */
	public final Object defaultValue;
	public final double min, max;
	public final List<String> choices;
	/** A short description after the key in dialogs, and the help text. */
	public final String help;
	public final boolean advanced, required;
	public final Scope scope;
	/** Older command-line names that still work (e.g. {@code lr}). */
	public final List<String> aliases;

	private Option(String key, Kind kind, Object defaultValue, double min, double max, List<String> choices,
		String help, boolean advanced, boolean required, Scope scope, List<String> aliases)
	{
		this.key = key;
		this.kind = kind;
		this.defaultValue = defaultValue;
		this.min = min;
		this.max = max;
		this.choices = choices;
		this.help = help;
		this.advanced = advanced;
		this.required = required;
		this.scope = scope;
		this.aliases = aliases;
	}

	public static Option integer(String key, int defaultValue, int min, int max, String help) {
		return new Option(key, Kind.INT, defaultValue, min, max, Collections.emptyList(), help, false, false,
			Scope.EVERYWHERE, Collections.emptyList());
	}

	public static Option longInteger(String key, long defaultValue, String help) {
		return new Option(key, Kind.LONG, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE, Collections.emptyList(), help,
			false, false, Scope.EVERYWHERE, Collections.emptyList());
	}

	public static Option number(String key, double defaultValue, double min, double max, String help) {
		return new Option(key, Kind.NUMBER, defaultValue, min, max, Collections.emptyList(), help, false, false,
			Scope.EVERYWHERE, Collections.emptyList());
	}

	public static Option choice(String key, String defaultValue, List<String> choices, String help) {
		if (!choices.contains(defaultValue)) throw new IllegalArgumentException(key + ": default " + defaultValue +
			" is not a choice");
		return new Option(key, Kind.CHOICE, defaultValue, 0, 0, Collections.unmodifiableList(choices), help, false,
			false, Scope.EVERYWHERE, Collections.emptyList());
	}

	public static Option flag(String key, String help) {
		return new Option(key, Kind.FLAG, false, 0, 0, Collections.emptyList(), help, false, false, Scope.EVERYWHERE,
			Collections.emptyList());
	}

	public static Option text(String key, String defaultValue, String help) {
		return new Option(key, Kind.TEXT, defaultValue, 0, 0, Collections.emptyList(), help, false, false,
			Scope.EVERYWHERE, Collections.emptyList());
	}

	/** A file, folder or image option (no default). */
	public static Option path(String key, Kind kind, String help) {
		return new Option(key, kind, null, 0, 0, Collections.emptyList(), help, false, false, Scope.EVERYWHERE,
			Collections.emptyList());
	}

	public Option advanced() {
		return new Option(key, kind, defaultValue, min, max, choices, help, true, required, scope, aliases);
	}

	public Option required() {
		return new Option(key, kind, defaultValue, min, max, choices, help, advanced, true, scope, aliases);
	}

	public Option only(Scope where) {
		return new Option(key, kind, defaultValue, min, max, choices, help, advanced, required, where, aliases);
	}

	public Option alias(String... names) {
		return new Option(key, kind, defaultValue, min, max, choices, help, advanced, required, scope, Collections
			.unmodifiableList(Arrays.asList(names)));
	}

	/** The command line's name, without the dashes: the key with {@code -} for {@code _}. */
	public String cliName() {
		return key.replace('_', '-');
	}

	public boolean offeredOnCommandLine() {
		return scope != Scope.FIJI;
	}

	public boolean offeredInFiji() {
		return scope != Scope.COMMAND_LINE;
	}

	public int intDefault() {
		return (Integer) defaultValue;
	}

	public long longDefault() {
		return (Long) defaultValue;
	}

	public double numberDefault() {
		return (Double) defaultValue;
	}

	public String textDefault() {
		return (String) defaultValue;
	}

	/** The default as text, as a dialog or usage shows it ("" when there is none). */
	public String defaultText() {
		if (defaultValue == null) return "";
		if (defaultValue instanceof Double) return formatNumber((Double) defaultValue);
		return String.valueOf(defaultValue);
	}

	/** A number as a user would write it: 42, 0.9, 1e-04. */
	public static String formatNumber(double v) {
		if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
		String s = String.format(Locale.ROOT, "%.10g", v);
		// trim the zeros %g keeps: 1.000000000e-04 -> 1e-04, 0.9000000000 -> 0.9
		if (s.contains("e")) return s.replaceAll("\\.?0+e", "e");
		return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
	}

	@Override
	public String toString() {
		return key;
	}
}

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
	/**
	 * Whether a value a dialog shows counts as the user's choice even when it is the default (a dialog always shows
	 * one): the network, which a resumed model must match, is chosen, never merely left.
	 */
	public final boolean givenWhenShown;
	public final Scope scope;
	/** Older command-line names that still work (e.g. {@code lr}). */
	public final List<String> aliases;

	/** What an option is made of, while a definition is being written. */
	private static final class Spec {
		String key;
		Kind kind;
		Object defaultValue;
		double min, max;
		List<String> choices = Collections.emptyList();
		String help;
		boolean advanced, required, givenWhenShown;
		Scope scope = Scope.EVERYWHERE;
		List<String> aliases = Collections.emptyList();

		Spec(String key, Kind kind, Object defaultValue, double min, double max, String help) {
			this.key = key;
			this.kind = kind;
			this.defaultValue = defaultValue;
			this.min = min;
			this.max = max;
			this.help = help;
		}
	}

	private Option(Spec s) {
		key = s.key;
		kind = s.kind;
		defaultValue = s.defaultValue;
		min = s.min;
		max = s.max;
		choices = s.choices;
		help = s.help;
		advanced = s.advanced;
		required = s.required;
		givenWhenShown = s.givenWhenShown;
		scope = s.scope;
		aliases = s.aliases;
	}

	private Spec spec() {
		Spec s = new Spec(key, kind, defaultValue, min, max, help);
		s.choices = choices;
		s.advanced = advanced;
		s.required = required;
		s.givenWhenShown = givenWhenShown;
		s.scope = scope;
		s.aliases = aliases;
		return s;
	}

	public static Option integer(String key, int defaultValue, int min, int max, String help) {
		return new Option(new Spec(key, Kind.INT, defaultValue, min, max, help));
	}

	public static Option longInteger(String key, long defaultValue, String help) {
		return new Option(new Spec(key, Kind.LONG, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE, help));
	}

	public static Option number(String key, double defaultValue, double min, double max, String help) {
		return new Option(new Spec(key, Kind.NUMBER, defaultValue, min, max, help));
	}

	public static Option choice(String key, String defaultValue, List<String> choices, String help) {
		if (!choices.contains(defaultValue)) throw new IllegalArgumentException(key + ": default " + defaultValue +
			" is not a choice");
		Spec s = new Spec(key, Kind.CHOICE, defaultValue, 0, 0, help);
		s.choices = Collections.unmodifiableList(choices);
		return new Option(s);
	}

	public static Option flag(String key, String help) {
		return new Option(new Spec(key, Kind.FLAG, false, 0, 0, help));
	}

	public static Option text(String key, String defaultValue, String help) {
		return new Option(new Spec(key, Kind.TEXT, defaultValue, 0, 0, help));
	}

	/** A file, folder or image option (no default). */
	public static Option path(String key, Kind kind, String help) {
		return new Option(new Spec(key, kind, null, 0, 0, help));
	}

	public Option advanced() {
		Spec s = spec();
		s.advanced = true;
		return new Option(s);
	}

	public Option required() {
		Spec s = spec();
		s.required = true;
		return new Option(s);
	}

	/** See {@link #givenWhenShown}. */
	public Option givenWhenShown() {
		Spec s = spec();
		s.givenWhenShown = true;
		return new Option(s);
	}

	public Option only(Scope where) {
		Spec s = spec();
		s.scope = where;
		return new Option(s);
	}

	public Option alias(String... names) {
		Spec s = spec();
		s.aliases = Collections.unmodifiableList(Arrays.asList(names));
		return new Option(s);
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

package sc.fiji.slicegan.run;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import sc.fiji.slicegan.BadInputException;

/**
 * The values a user gave for one use case's options, checked against their definitions (kind, range, choices;
 * numbers must be finite). Options not given have their defaults. Messages name an option the way the user wrote
 * it: {@code --critic-batch} on the command line, {@code critic_batch} in Fiji.
 */
public final class OptionValues {

	/** How the user interface names options in messages. */
	public enum Naming {
		COMMAND_LINE, FIJI
	}

	private final List<Option> table;
	private final Naming naming;
	private final Map<String, Object> values = new HashMap<>();
	private final Set<String> given = new HashSet<>();

	public OptionValues(List<Option> table, Naming naming) {
		this.table = table;
		this.naming = naming;
	}

	public List<Option> table() {
		return table;
	}

	/** How messages name the option: {@code --critic-batch} or {@code critic_batch}. */
	public String name(Option o) {
		return naming == Naming.COMMAND_LINE ? "--" + o.cliName() : o.key;
	}

	/** Whether this user interface offers the option (some are for the command line or Fiji only). */
	public boolean offers(Option o) {
		return naming == Naming.COMMAND_LINE ? o.offeredOnCommandLine() : o.offeredInFiji();
	}

	public Option option(String key) {
		for (Option o : table)
			if (o.key.equals(key)) return o;
		throw new IllegalArgumentException("no option " + key);
	}

	/** Sets an option from the text a user typed, checking it. */
	public OptionValues parse(Option o, String text) {
		return set(o, convert(o, text));
	}

	/** Sets an option to a typed value (Integer, Long, Double, String, Boolean, Path), checking it. */
	public OptionValues set(Option o, Object value) {
		if (!table.contains(o)) throw new IllegalArgumentException("no option " + o.key + " here");
		Object v = value instanceof String && o.kind != Option.Kind.TEXT && o.kind != Option.Kind.CHOICE ? convert(o,
			(String) value) : value;
		check(o, v);
		values.put(o.key, v);
		given.add(o.key);
		return this;
	}

	/** Marks an option as left at its default even though a value was set (dialogs always hold one). */
	public OptionValues notGiven(Option o) {
		given.remove(o.key);
		return this;
	}

	/** Whether the user gave this option (rather than leaving the default). */
	public boolean given(Option o) {
		return given.contains(o.key);
	}

	private Object value(Option o) {
		if (!table.contains(o)) throw new IllegalArgumentException("no option " + o.key + " here");
		Object v = values.containsKey(o.key) ? values.get(o.key) : o.defaultValue;
		if (v == null && o.required) throw new BadInputException(name(o) + " is required: " + o.help + ".");
		return v;
	}

	public int integer(Option o) {
		return ((Number) value(o)).intValue();
	}

	public long longValue(Option o) {
		return ((Number) value(o)).longValue();
	}

	public double number(Option o) {
		return ((Number) value(o)).doubleValue();
	}

	public boolean flag(Option o) {
		Object v = value(o);
		return v != null && (Boolean) v;
	}

	/** A choice or text; null when not given and without a default. */
	public String text(Option o) {
		Object v = value(o);
		return v == null ? null : v.toString();
	}

	/** A file or folder; null when not given (or given empty). */
	public Path path(Option o) {
		Object v = value(o);
		if (v == null) return null;
		if (v instanceof Path) return (Path) v;
		String s = v.toString().trim();
		return s.isEmpty() ? null : Paths.get(s);
	}

	private Object convert(Option o, String text) {
		String t = text == null ? "" : text.trim();
		try {
			switch (o.kind) {
				case INT:
					return Integer.valueOf(wholeNumber(t));
				case LONG:
					return Long.valueOf(wholeNumber(t));
				case NUMBER:
					return Double.valueOf(t);
				case FLAG:
					return bool(o, t);
				case CHOICE:
					return t.toLowerCase(Locale.ROOT);
				default:
					return t;
			}
		}
		catch (NumberFormatException e) {
			throw new BadInputException(name(o) + " needs " + (o.kind == Option.Kind.NUMBER ? "a number"
				: "a whole number") +
				", not '" + text + "'.");
		}
	}

	/** "42", and "42.0" as a dialog's number field gives it back. */
	private static String wholeNumber(String t) {
		if (t.endsWith(".0")) return t.substring(0, t.length() - 2);
		return t;
	}

	private Boolean bool(Option o, String t) {
		switch (t.toLowerCase(Locale.ROOT)) {
			case "true":
			case "yes":
			case "on":
			case "1":
			case "":
				return true;
			case "false":
			case "no":
			case "off":
			case "0":
				return false;
			default:
				throw new BadInputException(name(o) + " is true or false, not '" + t + "'.");
		}
	}

	private void check(Option o, Object v) {
		switch (o.kind) {
			case INT:
			case LONG:
			case NUMBER:
				double d = ((Number) v).doubleValue();
				if (!Double.isFinite(d)) throw new BadInputException(name(o) + " must be a finite number, not " + v +
					".");
				if (d < o.min || d > o.max) throw new BadInputException(name(o) + " must be " + range(o) + ", not " +
					(v instanceof Double ? Option.formatNumber(d) : v) + ".");
				break;
			case CHOICE:
				if (!o.choices.contains(v)) throw new BadInputException("'" + v + "' is not a choice for " + name(o) +
					": use " + String.join(", ", o.choices) + ".");
				break;
			default:
		}
	}

	private static String range(Option o) {
		String lo = Option.formatNumber(o.min), hi = Option.formatNumber(o.max);
		if (o.max >= Integer.MAX_VALUE) return "at least " + lo;
		return "between " + lo + " and " + hi;
	}
}

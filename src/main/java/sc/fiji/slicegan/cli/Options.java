package sc.fiji.slicegan.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import sc.fiji.slicegan.BadInputException;

/** {@code --key value} options of one command, with typed getters that say which option was wrong. */
final class Options {

	private final Map<String, List<String>> values = new LinkedHashMap<>();
	private final Set<String> known;

	Options(String[] args, int from, Set<String> known) {
		this.known = known;
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (!a.startsWith("--")) throw new BadInputException("Unexpected argument '" + a + "': options look like " +
				"--name value.");
			String key = a.substring(2);
			String value = null;
			int eq = key.indexOf('=');
			if (eq >= 0) {
				value = key.substring(eq + 1);
				key = key.substring(0, eq);
			}
			if (!known.contains(key)) throw new BadInputException("Unknown option --" + key + ". Known: --" + String
				.join(", --", known) + ".");
			if (value == null) {
				if (i + 1 >= args.length) throw new BadInputException("Option --" + key + " needs a value.");
				value = args[++i];
			}
			values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
		}
	}

	boolean has(String key) {
		return values.containsKey(key);
	}

	String string(String key, String fallback) {
		List<String> v = values.get(key);
		return v == null ? fallback : v.get(v.size() - 1);
	}

	String required(String key) {
		String v = string(key, null);
		if (v == null) throw new BadInputException("Option --" + key + " is required.");
		return v;
	}

	int integer(String key, int fallback) {
		return parse(key, fallback, Integer::parseInt, "a whole number");
	}

	long longValue(String key, long fallback) {
		return parse(key, fallback, Long::parseLong, "a whole number");
	}

	double number(String key, double fallback) {
		return parse(key, fallback, Double::parseDouble, "a number");
	}

	private <T> T parse(String key, T fallback, Function<String, T> parser, String what) {
		String v = string(key, null);
		if (v == null) return fallback;
		try {
			return parser.apply(v.trim());
		}
		catch (NumberFormatException e) {
			throw new BadInputException("Option --" + key + " needs " + what + ", not '" + v + "'.");
		}
	}
}

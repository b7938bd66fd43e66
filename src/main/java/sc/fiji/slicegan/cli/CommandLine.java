package sc.fiji.slicegan.cli;

import java.util.List;
import java.util.Locale;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;

/**
 * {@code --name value} arguments read by a use case's option table, and the usage text written from it. A flag may
 * stand alone ({@code --s2-periodic}); {@code --name=value} works too.
 */
final class CommandLine {

	private CommandLine() {}

	static OptionValues parse(String[] args, int from, List<Option> table) {
		OptionValues v = new OptionValues(table, OptionValues.Naming.COMMAND_LINE);
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (!a.startsWith("--")) throw new BadInputException("Unexpected argument '" + a + "': options look like " +
				"--name value.");
			String name = a.substring(2), value = null;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			Option o = find(table, name);
			if (value == null) {
				boolean alone = i + 1 >= args.length || args[i + 1].startsWith("--");
				if (o.kind == Option.Kind.FLAG && alone) value = "true";
				else if (alone) throw new BadInputException("Option --" + name + " needs a value.");
				else value = args[++i];
			}
			v.parse(o, value);
		}
		return v;
	}

	private static Option find(List<Option> table, String name) {
		for (Option o : table)
			if (o.offeredOnCommandLine() && (o.cliName().equals(name) || o.aliases.contains(name))) return o;
		StringBuilder known = new StringBuilder();
		for (Option o : table)
			if (o.offeredOnCommandLine()) known.append(known.length() > 0 ? ", --" : "--").append(o.cliName());
		throw new BadInputException("Unknown option --" + name + ". Known: " + known + ".");
	}

	/** One line per option: its name, what it takes, its default and what it does. */
	static String usage(List<Option> table) {
		StringBuilder sb = new StringBuilder();
		for (Option o : table) {
			if (!o.offeredOnCommandLine()) continue;
			String head = "    --" + o.cliName() + " " + argument(o);
			sb.append(String.format(Locale.ROOT, "%-34s %s", head, o.help));
			if (o.required) sb.append(" (required)");
			else if (!o.defaultText().isEmpty()) sb.append(" [").append(o.defaultText()).append("]");
			if (!o.aliases.isEmpty()) sb.append(" (also --").append(String.join(", --", o.aliases)).append(")");
			sb.append('\n');
		}
		return sb.toString();
	}

	private static String argument(Option o) {
		switch (o.kind) {
			case CHOICE:
				return String.join("|", o.choices);
			case INT:
			case LONG:
				return "N";
			case NUMBER:
				return "X";
			case FLAG:
				return "";
			case FOLDER:
				return "DIR";
			default:
				return "FILE";
		}
	}
}

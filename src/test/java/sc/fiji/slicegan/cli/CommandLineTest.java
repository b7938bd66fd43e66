package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.run.CompareOptions;
import sc.fiji.slicegan.run.GenerateOptions;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;
import sc.fiji.slicegan.run.TrainOptions;

/** The command line's options are the option tables: every key as --key-with-dashes, its aliases, its usage line. */
class CommandLineTest {

	@Test
	void everyOptionIsReadByItsNameAndAliases() {
		for (List<Option> table : Arrays.asList(TrainOptions.ALL, GenerateOptions.ALL, CompareOptions.ALL))
			for (Option o : table) {
				String value = value(o);
				for (String name : names(o)) {
					if (!o.offeredOnCommandLine()) {
						assertThrows(BadInputException.class, () -> CommandLine.parse(new String[] { "--" + name,
							value }, 0,
							table), o.key + " is for Fiji only");
						continue;
					}
					OptionValues v = CommandLine.parse(new String[] { "--" + name, value }, 0, table);
					assertTrue(v.given(o), name);
					assertEquals(value, text(v, o), name);
				}
				assertEquals(o.offeredOnCommandLine(), CommandLine.usage(table).contains("--" + o.cliName() + " "),
					o.key);
			}
	}

	@Test
	void badValuesAreRefusedWithTheOptionsName() {
		String[][] cases = { { "--iterations", "0" }, { "--learning-rate", "NaN" }, { "--lambda", "Infinity" }, {
			"--critic-batch", "2.5" }, { "--network", "huge" }, { "--seed", "x" } };
		for (String[] c : cases) {
			BadInputException e = assertThrows(BadInputException.class, () -> CommandLine.parse(c, 0,
				TrainOptions.ALL));
			assertTrue(e.getMessage().contains(c[0]), e.getMessage());
		}
		assertFalse(CommandLine.parse(new String[0], 0, TrainOptions.ALL).given(TrainOptions.ITERATIONS));
	}

	private static List<String> names(Option o) {
		List<String> n = new java.util.ArrayList<>(o.aliases);
		n.add(0, o.cliName());
		return n;
	}

	private static String value(Option o) {
		switch (o.kind) {
			case INT:
			case LONG:
				return String.valueOf((long) Math.min(o.max, Math.max(o.min, 3)));
			case NUMBER:
				return Option.formatNumber(Math.min(o.max, Math.max(o.min, 0.5)));
			case CHOICE:
				return o.choices.get(o.choices.size() - 1);
			case FLAG:
				return "true";
			default:
				return "some-file.tif";
		}
	}

	private static String text(OptionValues v, Option o) {
		switch (o.kind) {
			case INT:
			case LONG:
				return String.valueOf(v.longValue(o));
			case NUMBER:
				return Option.formatNumber(v.number(o));
			case FLAG:
				return String.valueOf(v.flag(o));
			case CHOICE:
			case TEXT:
				return v.text(o);
			default:
				return String.valueOf(v.path(o));
		}
	}
}

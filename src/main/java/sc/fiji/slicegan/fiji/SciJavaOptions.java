package sc.fiji.slicegan.fiji;

import java.io.File;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;

import org.scijava.command.DynamicCommand;
import org.scijava.module.MutableModuleItem;

import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;

/**
 * The SciJava commands' parameters are fields named like the option table's keys (SciJava needs its own
 * {@code @Parameter} fields; a test checks them against the table). This reads them into option values and gives
 * the choice parameters the table's choices, so that nothing is written twice.
 */
final class SciJavaOptions {

	private SciJavaOptions() {}

	/** Every non-image option Fiji offers, from the command's field of the same name; defaults count as not given. */
	static OptionValues read(Object command, List<Option> table) {
		OptionValues v = new OptionValues(table, OptionValues.Naming.FIJI);
		for (Option o : table) {
			if (!o.offeredInFiji() || o.kind == Option.Kind.IMAGE) continue;
			Object value = field(command, o.key);
			if (value instanceof File) value = ((File) value).getPath();
			if (value == null || value.toString().trim().isEmpty()) continue;
			v.set(o, value);
			if (Objects.equals(value, o.defaultValue) && !o.givenWhenShown) v.notGiven(o);
		}
		return v;
	}

	/** Sets the choices of every choice parameter from the table (a command's initializer calls this). */
	static void offerChoices(DynamicCommand command, List<Option> table) {
		for (Option o : table)
			if (o.kind == Option.Kind.CHOICE && o.offeredInFiji()) {
				MutableModuleItem<String> item = command.getInfo().getMutableInput(o.key, String.class);
				if (item != null) item.setChoices(o.choices);
			}
	}

	private static Object field(Object command, String name) {
		try {
			Field f = command.getClass().getDeclaredField(name);
			f.setAccessible(true);
			return f.get(command);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException(command.getClass().getSimpleName() + " has no parameter " + name, e);
		}
	}
}

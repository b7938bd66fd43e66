package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.command.DynamicCommand;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.service.Service;

import ij.ImagePlus;
import ij.Macro;
import sc.fiji.slicegan.run.CompareOptions;
import sc.fiji.slicegan.run.ExportPyTorchOptions;
import sc.fiji.slicegan.run.GenerateOptions;
import sc.fiji.slicegan.run.ImportPyTorchOptions;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;
import sc.fiji.slicegan.run.TrainOptions;

/**
 * The SciJava parameters and the IJ1 dialogs' macro keys come from the one option table of each use case: same
 * names, kinds, defaults and choices.
 */
class OptionKeysTest {

	static Context context;

	@BeforeAll
	static void start() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	@Test
	void sciJavaParametersAreTheTable() throws Exception {
		check(TrainCommand.class, TrainOptions.ALL);
		check(GenerateCommand.class, GenerateOptions.ALL);
		check(CompareCommand.class, CompareOptions.ALL);
		check(ImportPyTorchCommand.class, ImportPyTorchOptions.ALL);
		check(ExportPyTorchCommand.class, ExportPyTorchOptions.ALL);
	}

	private static void check(Class<? extends DynamicCommand> type, List<Option> table) throws Exception {
		CommandInfo info = context.service(CommandService.class).getCommand(type);
		DynamicCommand command = (DynamicCommand) info.createModule();
		command.setContext(context);
		command.initialize();
		Set<String> parameters = new HashSet<>();
		for (Field f : type.getDeclaredFields()) {
			Parameter p = f.getAnnotation(Parameter.class);
			if (p == null || p.type() == ItemIO.OUTPUT || Service.class.isAssignableFrom(f.getType())) continue;
			parameters.add(f.getName());
		}
		Set<String> offered = new HashSet<>();
		for (Option o : table) {
			if (!o.offeredInFiji()) continue;
			offered.add(o.key);
			Field f = type.getDeclaredField(o.key);
			assertNotNull(f.getAnnotation(Parameter.class), type.getSimpleName() + "." + o.key);
			assertEquals(javaType(o), f.getType(), type.getSimpleName() + "." + o.key);
			f.setAccessible(true);
			Object value = f.get(command);
			if (o.defaultValue != null) assertEquals(o.defaultValue, value, type.getSimpleName() + "." + o.key +
				" default");
			else assertTrue(value == null || o.kind == Option.Kind.IMAGE, type.getSimpleName() + "." + o.key);
			ModuleItem<?> item = command.getInfo().getInput(o.key);
			assertNotNull(item, o.key);
			if (o.kind == Option.Kind.CHOICE) assertEquals(o.choices, item.getChoices(), type.getSimpleName() + "." +
				o.key + " choices");
			// an option without a default (a file, an image) is required in both or in neither
			if (o.defaultValue == null) assertEquals(o.required, item.isRequired(), type.getSimpleName() + "." + o.key +
				" required");
		}
		assertEquals(offered, parameters, type.getSimpleName() + ": parameters beyond the table, or missing");
	}

	private static Class<?> javaType(Option o) {
		switch (o.kind) {
			case INT:
				return int.class;
			case LONG:
				return long.class;
			case NUMBER:
				return double.class;
			case FLAG:
				return boolean.class;
			case IMAGE:
				return ImagePlus.class;
			case FILE:
			case SAVE_FILE:
			case FOLDER:
				return File.class;
			default:
				return String.class;
		}
	}

	@Test
	void dialogKeysAreTheTableKeys() {
		for (List<Option> table : Arrays.asList(TrainOptions.ALL, GenerateOptions.ALL, CompareOptions.ALL,
			ImportPyTorchOptions.ALL, ExportPyTorchOptions.ALL))
			for (Option o : table)
				assertEquals(o.key, Macro.trimKey(Form.label(o)), "the macro recorder's key for " + o.key);
	}

	@Test
	void macrosReachEveryOptionByItsKey() {
		for (List<Option> table : Arrays.asList(TrainOptions.ALL, GenerateOptions.ALL, CompareOptions.ALL,
			ImportPyTorchOptions.ALL, ExportPyTorchOptions.ALL))
		{
			StringBuilder options = new StringBuilder();
			HashMap<Option, String> expected = new HashMap<>();
			for (Option o : table) {
				if (!o.offeredInFiji()) continue;
				String value = otherThanDefault(o);
				expected.put(o, value);
				options.append(o.kind == Option.Kind.FLAG ? o.key : o.key + "=[" + value + "]").append(' ');
			}
			OptionValues v = inMacroThread(options.toString(), () -> Form.create("Test").ask(table, new HashMap<>(),
				new String[] { "a.tif", "b.tif" }));
			for (Option o : expected.keySet()) {
				assertTrue(v.given(o), o.key + " was not read from the macro");
				String got = o.kind == Option.Kind.NUMBER ? Option.formatNumber(v.number(o)) : o.kind ==
					Option.Kind.FLAG
					? String.valueOf(v.flag(o)) : o.kind == Option.Kind.INT || o.kind == Option.Kind.LONG ? String
						.valueOf(v
							.longValue(o)) : o.kind == Option.Kind.CHOICE || o.kind == Option.Kind.IMAGE || o.kind ==
								Option.Kind.TEXT
								? v.text(o) : String.valueOf(v.path(o));
				assertEquals(expected.get(o), got, o.key);
			}
		}
	}

	/** Runs on a thread that ImageJ treats as running a macro command with these options (as IJ.run does). */
	static <T> T inMacroThread(String options, java.util.function.Supplier<T> work) {
		java.util.concurrent.atomic.AtomicReference<Object> result =
			new java.util.concurrent.atomic.AtomicReference<>();
		Thread t = new Thread(() -> {
			Macro.setOptions(options);
			try {
				result.set(work.get());
			}
			catch (RuntimeException | Error e) {
				result.set(e);
			}
			finally {
				Macro.setOptions(null);
			}
		}, "Run$_test");
		t.start();
		try {
			t.join();
		}
		catch (InterruptedException e) {
			throw new IllegalStateException(e);
		}
		if (result.get() instanceof RuntimeException) throw (RuntimeException) result.get();
		if (result.get() instanceof Error) throw (Error) result.get();
		@SuppressWarnings("unchecked")
		T r = (T) result.get();
		return r;
	}

	/** A valid value of the option that is not its default. */
	private static String otherThanDefault(Option o) {
		switch (o.kind) {
			case INT:
			case LONG:
				return String.valueOf((long) Math.max(o.min, Math.min(o.max, ((Number) o.defaultValue)
					.doubleValue() + 1)));
			case NUMBER:
				return Option.formatNumber(Math.min(o.max, o.numberDefault() * 0.5 + o.min * 0.5 + (o
					.numberDefault() == 0 ? 0.25 : 0)));
			case CHOICE:
				return o.choices.get(o.choices.indexOf(o.defaultValue) == 0 ? 1 : 0);
			case FLAG:
				return "true";
			case IMAGE:
				return o.required ? "b.tif" : "a.tif";
			case TEXT:
				return "x.tif,y.tif";
			default:
				return new File("/tmp", o.key + ".zip").getPath();
		}
	}
}

package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.Macro;
import ij.gui.GenericDialog;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;

/**
 * An IJ1 plugin's dialog, built from a use case's option table: one field per option, labelled by its key (which
 * the macro recorder records), the advanced options in a second dialog behind a checkbox (a macro reads all of
 * them without showing either), and a Help button listing every option. Headless, where plain ImageJ cannot build
 * a dialog, the macro options are read directly by the same keys.
 */
abstract class Form {

	static final String ADVANCED = "Advanced";

	protected final String title;

	Form(String title) {
		this.title = title;
	}

	static Form create(String title) {
		if (!GraphicsEnvironment.isHeadless()) return new DialogForm(title);
		String options = Macro.getOptions();
		if (options == null) throw new BadInputException(title + " needs its options when ImageJ runs headless, e.g. " +
			"run(\"" + title + "...\", \"...\") from a macro.");
		return new MacroForm(title, options);
	}

	/**
	 * Asks for the options Fiji offers. {@code initial} overrides a default shown (e.g. a model file beside the
	 * image); image options choose among {@code images} (null: no image options). Values equal to their default
	 * count as not given.
	 *
	 * @return null when the user cancelled
	 */
	OptionValues ask(List<Option> table, Map<Option, String> initial, String[] images) {
		OptionValues v = new OptionValues(table, OptionValues.Naming.FIJI);
		List<Option> basic = new ArrayList<>(), advanced = new ArrayList<>();
		for (Option o : table)
			if (o.offeredInFiji()) (o.advanced ? advanced : basic).add(o);
		if (!page(basic, initial, images, !advanced.isEmpty(), v)) return null;
		if (!advanced.isEmpty() && wantsAdvanced() && !page(advanced, initial, images, false, v)) return null;
		return v;
	}

	private boolean page(List<Option> options, Map<Option, String> initial, String[] images, boolean advancedBox,
		OptionValues v)
	{
		begin(options);
		for (Option o : options) {
			boolean image = o.kind == Option.Kind.IMAGE;
			String first = initial.containsKey(o) ? initial.get(o) : image ? (o.required ? images[0] : OpenImages.NONE)
				: o.defaultText();
			add(o, first, image ? (o.required ? images : OpenImages.withNone(images)) : null);
		}
		if (advancedBox) checkbox(ADVANCED);
		if (!show()) return false;
		for (Option o : options) {
			String text = next(o);
			if (text == null || (o.kind == Option.Kind.IMAGE && text.equals(OpenImages.NONE))) continue;
			v.parse(o, text);
			if (text.equals(o.defaultText()) && !o.givenWhenShown) v.notGiven(o);
		}
		return true;
	}

	/** Starts a dialog page for these options. */
	abstract void begin(List<Option> options);

	abstract void add(Option o, String initial, String[] choices);

	abstract void checkbox(String label);

	/** False when the user cancelled. */
	abstract boolean show();

	/** The next field's value as text (null for an empty optional field). */
	abstract String next(Option o);

	/** Whether to ask the advanced options too: checked, or in a macro (which may give any of them). */
	abstract boolean wantsAdvanced();

	/** A dialog label: the key, capitalised; ImageJ's macro key is the label's first word in lower case. */
	static String label(Option o) {
		return Character.toUpperCase(o.key.charAt(0)) + o.key.substring(1);
	}

	/** The Help button's text: every option with what it does. */
	static String help(String title, List<Option> options) {
		StringBuilder sb = new StringBuilder("<html><h3>" + title + "</h3><table>");
		for (Option o : options)
			sb.append("<tr><td><b>").append(o.key).append("</b></td><td>").append(o.help.replace("<", "&lt;")).append(
				o.defaultText().isEmpty() ? "" : " (default " + o.defaultText() + ")").append("</td></tr>");
		return sb.append("</table></html>").toString();
	}

	private static final class DialogForm extends Form {

		private GenericDialog gd;
		private boolean advancedChecked;

		DialogForm(String title) {
			super(title);
		}

		@Override
		void begin(List<Option> options) {
			gd = new GenericDialog(gd == null ? title : title + " (advanced)");
			gd.addHelp(help(title, options));
		}

		@Override
		void add(Option o, String initial, String[] choices) {
			String label = label(o);
			switch (o.kind) {
				case CHOICE:
					gd.addChoice(label, o.choices.toArray(new String[0]), initial);
					break;
				case IMAGE:
					gd.addChoice(label, choices, initial);
					break;
				case INT:
				case LONG:
					gd.addNumericField(label, Double.parseDouble(initial), 0);
					break;
				case NUMBER:
					gd.addNumericField(label, Double.parseDouble(initial), digits(initial));
					break;
				case FLAG:
					gd.addCheckbox(label, Boolean.parseBoolean(initial));
					break;
				case FOLDER:
					gd.addDirectoryField(label, initial, 40);
					break;
				case FILE:
				case SAVE_FILE:
					gd.addFileField(label, initial, 40);
					break;
				default:
					gd.addStringField(label, initial, 40);
			}
		}

		/** Enough decimals to show the default exactly (1e-4 needs 4, 0.99 needs 2). */
		private static int digits(String initial) {
			int dot = initial.indexOf('.');
			if (initial.contains("e")) return Math.max(2, 1 - (int) Math.floor(Math.log10(Math.abs(Double.parseDouble(
				initial)))) + 2);
			return dot < 0 ? 0 : Math.max(2, initial.length() - dot - 1);
		}

		@Override
		void checkbox(String label) {
			gd.addCheckbox(label, false);
		}

		@Override
		boolean show() {
			gd.showDialog();
			if (gd.wasCanceled()) return false;
			return true;
		}

		@Override
		String next(Option o) {
			switch (o.kind) {
				case CHOICE:
				case IMAGE:
					return gd.getNextChoice();
				case INT:
				case LONG:
				case NUMBER:
					double v = gd.getNextNumber();
					if (gd.invalidNumber()) throw new BadInputException(o.key + " needs a number, not '" + gd
						.getErrorMessage() + "'.");
					return Option.formatNumber(v);
				case FLAG:
					return String.valueOf(gd.getNextBoolean());
				default:
					String s = gd.getNextString().trim();
					return s.isEmpty() ? null : s;
			}
		}

		@Override
		boolean wantsAdvanced() {
			// the checkbox is the last field of the first page
			advancedChecked = gd.getNextBoolean();
			return advancedChecked || Macro.getOptions() != null;
		}
	}

	/** Headless: the values come from the macro options, by key. */
	private static final class MacroForm extends Form {

		private final String options;

		MacroForm(String title, String options) {
			super(title);
			this.options = options;
		}

		private List<String[]> fields = new ArrayList<>();
		private int read;

		@Override
		void begin(List<Option> page) {
			fields = new ArrayList<>();
			read = 0;
		}

		@Override
		void add(Option o, String initial, String[] choices) {
			String v = Macro.getValue(options, o.key, initial);
			// a checked box is recorded as the bare key
			if (o.kind == Option.Kind.FLAG && (" " + options + " ").contains(" " + o.key + " ")) v = "true";
			if (choices != null && !java.util.Arrays.asList(choices).contains(v)) throw new BadInputException("'" + v +
				"' is not a choice for " + o.key + ": use one of " + String.join(", ", choices) + ".");
			fields.add(new String[] { o.key, v });
		}

		@Override
		void checkbox(String label) {}

		@Override
		boolean show() {
			return true;
		}

		@Override
		String next(Option o) {
			String v = fields.get(read++)[1];
			return v == null || v.trim().isEmpty() && o.kind != Option.Kind.TEXT ? null : v;
		}

		@Override
		boolean wantsAdvanced() {
			return true;
		}
	}
}

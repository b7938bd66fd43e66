package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;

import ij.Macro;
import ij.gui.GenericDialog;
import sc.fiji.slicegan.BadInputException;

/**
 * The fields of an IJ1 plugin's dialog. With a display it is a GenericDialog (which the macro recorder records,
 * and which reads macro options without showing); headless, where plain ImageJ cannot build a dialog, the
 * macro options are read directly, by the same keys (a label's first word, lower case).
 */
abstract class Form {

	abstract void choice(String label, String[] items, String initial);

	abstract void number(String label, double initial, int digits);

	abstract void file(String label, String initial);

	/** False when the user cancelled. */
	abstract boolean show();

	abstract String nextChoice();

	abstract double nextNumber();

	abstract String nextString();

	int nextInt() {
		double v = nextNumber();
		if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw new BadInputException("A whole number is " +
			"needed, not " + v + ".");
		return (int) v;
	}

	static Form create(String title) {
		if (!GraphicsEnvironment.isHeadless()) return new DialogForm(title);
		String options = Macro.getOptions();
		if (options == null) throw new BadInputException(title + " needs its options when ImageJ runs headless, e.g. " +
			"run(\"" + title + "\", \"...\") from a macro.");
		return new MacroForm(options);
	}

	private static final class DialogForm extends Form {

		private final GenericDialog gd;
		private String lastNumberLabel;

		DialogForm(String title) {
			gd = new GenericDialog(title);
		}

		@Override
		void choice(String label, String[] items, String initial) {
			gd.addChoice(label, items, initial);
		}

		@Override
		void number(String label, double initial, int digits) {
			gd.addNumericField(label, initial, digits);
		}

		@Override
		void file(String label, String initial) {
			gd.addFileField(label, initial, 40);
		}

		@Override
		boolean show() {
			gd.showDialog();
			return !gd.wasCanceled();
		}

		@Override
		String nextChoice() {
			return gd.getNextChoice();
		}

		@Override
		double nextNumber() {
			double v = gd.getNextNumber();
			if (gd.invalidNumber()) throw new BadInputException("A number field holds '" + gd.getErrorMessage() +
				"', which is not a number.");
			return v;
		}

		@Override
		String nextString() {
			return gd.getNextString();
		}
	}

	/** Headless: the values come from the macro options; labels are queued in the order they were added. */
	private static final class MacroForm extends Form {

		private final String options;
		private final java.util.ArrayDeque<String[]> fields = new java.util.ArrayDeque<>();

		MacroForm(String options) {
			this.options = options;
		}

		private String value(String label, String initial) {
			return Macro.getValue(options, Macro.trimKey(label), initial);
		}

		@Override
		void choice(String label, String[] items, String initial) {
			String v = value(label, initial);
			for (String item : items)
				if (item.equals(v)) {
					fields.add(new String[] { label, v });
					return;
				}
			throw new BadInputException("'" + v + "' is not a choice for " + Macro.trimKey(label) + ": use one of " +
				String.join(", ", items) + ".");
		}

		@Override
		void number(String label, double initial, int digits) {
			fields.add(new String[] { label, value(label, ij.IJ.d2s(initial, digits)) });
		}

		@Override
		void file(String label, String initial) {
			fields.add(new String[] { label, value(label, initial) });
		}

		@Override
		boolean show() {
			return true;
		}

		@Override
		String nextChoice() {
			return fields.remove()[1];
		}

		@Override
		double nextNumber() {
			String[] f = fields.remove();
			try {
				return Double.parseDouble(f[1].trim());
			}
			catch (NumberFormatException e) {
				throw new BadInputException(Macro.trimKey(f[0]) + " needs a number, not '" + f[1] + "'.");
			}
		}

		@Override
		String nextString() {
			return fields.remove()[1];
		}
	}
}

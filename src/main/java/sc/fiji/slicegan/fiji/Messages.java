package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import ij.macro.Interpreter;

/**
 * How the IJ1 plugins tell a user what went wrong: a message dialog (a log line when headless), and a macro that
 * ran the command is stopped, so that its next {@code run(...)} does not work on a result that is not there.
 */
final class Messages {

	static final String TITLE = "SliceGAN";

	private Messages() {}

	static void error(String message) {
		if (GraphicsEnvironment.isHeadless()) IJ.log(TITLE + " error: " + message);
		else IJ.error(TITLE, message);
		if (Interpreter.getInstance() != null) Interpreter.abort();
	}

	/** Runs a plugin's work; any failure becomes one message (internal ones with their details in the log). */
	static void reporting(Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException | Error e) {
			if (Failures.internal(e)) IJ.log(TITLE + ": " + Failures.trace(e));
			error(Failures.message(e));
		}
	}
}

package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;
import java.io.UncheckedIOException;

import ij.IJ;
import sc.fiji.slicegan.BadInputException;

/** How the IJ1 plugins tell a user what went wrong: a message dialog, or a log line when headless. */
final class Messages {

	static final String TITLE = "SliceGAN";

	private Messages() {}

	static void error(String message) {
		if (GraphicsEnvironment.isHeadless()) IJ.log(TITLE + " error: " + message);
		else IJ.error(TITLE, message);
	}

	/** Runs a plugin's work; errors a user can act on become messages, anything else (a bug) propagates. */
	static void reporting(Runnable work) {
		try {
			work.run();
		}
		catch (BadInputException | IllegalStateException | UncheckedIOException e) {
			error(e.getMessage());
		}
	}
}

package sc.fiji.slicegan.fiji;

import java.io.PrintWriter;
import java.io.StringWriter;

import sc.fiji.slicegan.BadInputException;

/**
 * Any failure of a SliceGAN command as one message a user can act on: bad input as it is; missing or clashing
 * libraries and running out of memory with what to do about them; anything else as an internal error whose details
 * go to the log.
 */
final class Failures {

	private Failures() {}

	/** The message to show, and whether its details belong in the log. */
	static String message(Throwable e) {
		if (e instanceof BadInputException) return e.getMessage();
		if (e instanceof OutOfMemoryError) return "SliceGAN ran out of memory (" + e.getMessage() +
			"). Give Fiji more " +
			"(Edit > Options > Memory & Threads), or use smaller settings: the small network, smaller batches or volumes.";
		if (e instanceof LinkageError) return "SliceGAN could not load part of itself (" + summary(e) + "): its " +
			"libraries are missing, or another plugin brought other versions of them. Install SliceGAN again with " +
			"scripts/install-into-fiji.sh (it lists what it adds and keeps) and restart Fiji.";
		return "SliceGAN failed (" + summary(e) + "). This is an internal error: the details are in the Log window.";
	}

	/** Whether the failure is one whose stack trace helps (not a message for the user alone). */
	static boolean internal(Throwable e) {
		return !(e instanceof BadInputException) && !(e instanceof OutOfMemoryError);
	}

	static String trace(Throwable e) {
		StringWriter w = new StringWriter();
		e.printStackTrace(new PrintWriter(w));
		return w.toString();
	}

	private static String summary(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root)
			root = root.getCause();
		String m = root.getMessage();
		return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.split("\\n")[0]);
	}
}

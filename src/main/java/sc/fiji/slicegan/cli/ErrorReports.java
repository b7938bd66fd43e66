package sc.fiji.slicegan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import sc.fiji.slicegan.io.AtomicFiles;

/** Internal errors: one line for the user, the whole report (stack trace, command, Java) in a file. */
final class ErrorReports {

	private ErrorReports() {}

	/** "NullPointerException: …" in one line. */
	static String summary(Throwable e) {
		String m = e.getMessage();
		return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.split("\n")[0]);
	}

	/** Writes the report into the temporary folder; returns its path (or says why it could not). */
	static String write(Throwable e, String[] args) {
		Path file = Paths.get(System.getProperty("java.io.tmpdir"), "slicegan-error-" + LocalDateTime.now().format(
			DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + ".txt");
		StringWriter trace = new StringWriter();
		e.printStackTrace(new PrintWriter(trace));
		try {
			AtomicFiles.writeText(file, w -> w.write("SliceGAN internal error\ncommand: " + String.join(" ", args) +
				"\njava: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), " +
				System
					.getProperty("os.name") + " " + System.getProperty("os.arch") + "\n\n" + trace));
			return file.toString();
		}
		catch (IOException io) {
			return "(nowhere: " + io.getMessage() + ")";
		}
	}
}

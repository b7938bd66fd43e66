package sc.fiji.slicegan.fiji;

import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

/**
 * How the SciJava commands report any failure: one message in the log and (with a user interface) a dialog, and the
 * command cancelled with that message (internal errors also log their details).
 */
final class CommandErrors {

	private CommandErrors() {}

	static void reporting(DynamicCommand command, LogService log, UIService ui, Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException | Error e) {
			String message = Failures.message(e);
			if (Failures.internal(e)) log.error("SliceGAN", e);
			log.error("SliceGAN: " + message);
			if (ui != null && !ui.isHeadless() && ui.getDefaultUI() != null) ui.showDialog(message, "SliceGAN",
				DialogPrompt.MessageType.ERROR_MESSAGE);
			command.cancel(message);
		}
	}
}

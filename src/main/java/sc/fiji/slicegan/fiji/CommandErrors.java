package sc.fiji.slicegan.fiji;

import java.io.UncheckedIOException;

import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.ui.DialogPrompt;
import org.scijava.ui.UIService;

import sc.fiji.slicegan.BadInputException;

/** How the SciJava commands report errors a user can act on: a log line, a dialog if there is a UI, a cancel. */
final class CommandErrors {

	private CommandErrors() {}

	static void reporting(DynamicCommand command, LogService log, UIService ui, Runnable work) {
		try {
			work.run();
		}
		catch (BadInputException | IllegalStateException | UncheckedIOException e) {
			log.error("SliceGAN: " + e.getMessage());
			if (ui != null && !ui.isHeadless() && ui.getDefaultUI() != null) ui.showDialog(e.getMessage(),
				"SliceGAN", DialogPrompt.MessageType.ERROR_MESSAGE);
			command.cancel(e.getMessage());
		}
	}
}

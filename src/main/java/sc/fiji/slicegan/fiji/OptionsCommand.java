package sc.fiji.slicegan.fiji;

import java.util.List;

import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.ui.UIService;

import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;

/**
 * What the SciJava commands share: parameters named after a use case's option table (read by
 * {@link SciJavaOptions}), its choices offered at initialisation, one error message on failure, and a cancel that
 * reaches the running use case.
 */
abstract class OptionsCommand extends DynamicCommand {

	@Parameter
	private LogService log;
	@Parameter(required = false)
	private UIService ui;

	/** Set when the command is cancelled; the running use case hears it. */
	protected final CancelRequest cancelRequest = new CancelRequest();
	private final List<Option> table;

	OptionsCommand(List<Option> table) {
		this.table = table;
	}

	/** The initializer of every subclass: the table's choices for the choice parameters. */
	protected void offerChoices() {
		SciJavaOptions.offerChoices(this, table);
	}

	protected OptionValues values() {
		return SciJavaOptions.read(this, table);
	}

	/** Runs the work; an error a user can act on becomes one message and cancels the command. */
	protected void reporting(Runnable work) {
		CommandErrors.reporting(this, log, ui, work);
	}

	@Override
	public void cancel(String reason) {
		super.cancel(reason);
		cancelRequest.request();
	}
}

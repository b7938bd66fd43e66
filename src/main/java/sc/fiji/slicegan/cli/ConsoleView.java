package sc.fiji.slicegan.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.TrainingView;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * Progress on the console: log lines as they come, a training line every {@code logEvery} iterations, and the
 * status of long steps at most once a second. Cancelled by Ctrl-C (see {@link Interrupts}).
 */
final class ConsoleView implements TrainingView {

	private static final long STATUS_EVERY_MS = 1000;

	private final PrintStream out;
	private final String prefix;
	private final int logEvery;
	private final CancelRequest cancel;
	private long lastStatus;

	ConsoleView(PrintStream out, String prefix, int logEvery, CancelRequest cancel) {
		this.out = out;
		this.prefix = prefix;
		this.logEvery = Math.max(1, logEvery);
		this.cancel = cancel;
	}

	@Override
	public void iterationDone(TrainingProgress p) {
		if (p.iteration % logEvery == 0 || p.iteration == p.totalIterations) out.println(p);
	}

	@Override
	public void checkpointSaved(Path model, long iteration) {
		out.println("checkpoint: " + model + " at iteration " + iteration);
	}

	@Override
	public void fidelity(FidelityPoint point) {
		out.println(point);
	}

	@Override
	public void log(String line) {
		out.println(line);
	}

	@Override
	public void status(String text) {
		long now = System.currentTimeMillis();
		if (now - lastStatus < STATUS_EVERY_MS) return;
		lastStatus = now;
		out.println(prefix + text);
	}

	@Override
	public void progress(double done) {}

	@Override
	public boolean isCancelled() {
		return cancel.isRequested();
	}
}

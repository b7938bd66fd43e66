package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.Locale;

import ij.IJ;
import ij.Macro;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.TrainingView;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * A SliceGAN command's progress in ImageJ: lines in the Log window, the status and progress bars, for training the
 * progress window (with a display), and a stop by Esc, the window's Stop button or a SciJava cancel. Headless,
 * where there are no bars, training writes about 50 lines per run and long steps a status line at most every few
 * seconds.
 */
final class FijiProgress implements TrainingView {

	static final String PREFIX = "SliceGAN: ";
	private static final long HEADLESS_STATUS_MS = 5000;

	private final CancelRequest cancel;
	private final boolean headless = GraphicsEnvironment.isHeadless();
	/** The training window, or null. */
	private final ProgressWindow window;
	private long total = Long.MAX_VALUE, lastStatus, firstIteration = -1;
	private boolean timeLogged;

	/** Progress in the bars and the Log window. */
	FijiProgress(CancelRequest cancel) {
		this(cancel, false);
	}

	/** Also in the training window, when asked and there is a display. */
	FijiProgress(CancelRequest cancel, boolean trainingWindow) {
		this.cancel = cancel;
		this.window = trainingWindow && !headless ? new ProgressWindow(cancel) : null;
		if (!headless) IJ.resetEscape();
	}

	@Override
	public void started(String title) {
		if (window != null) window.started(title);
	}

	@Override
	public void fidelity(FidelityPoint point) {
		log(point.toString());
		if (window != null) window.fidelity(point);
	}

	@Override
	public boolean wantsPreview() {
		return window != null;
	}

	@Override
	public void preview(long iteration, GeneratedVolume volume, ModelState model) {
		if (window != null) window.preview(iteration, volume, model);
	}

	@Override
	public void log(String line) {
		IJ.log(PREFIX + line);
	}

	@Override
	public void status(String text) {
		if (!headless) {
			IJ.showStatus(PREFIX + text);
			return;
		}
		long now = System.currentTimeMillis();
		if (now - lastStatus < HEADLESS_STATUS_MS) return;
		lastStatus = now;
		IJ.log(PREFIX + text);
	}

	@Override
	public void progress(double done) {
		if (!headless) IJ.showProgress(Math.max(0, Math.min(1, done)));
	}

	/** A yes/no dialog; a macro or a headless run cannot be asked (macros give the option instead). */
	@Override
	public boolean confirm(String question) {
		if (headless || Macro.getOptions() != null) return false;
		return IJ.showMessageWithCancel("SliceGAN", question);
	}

	@Override
	public boolean isCancelled() {
		if (!headless && IJ.escapePressed()) cancel.request();
		return cancel.isRequested();
	}

	@Override
	public void iterationDone(TrainingProgress p) {
		total = p.totalIterations;
		if (window != null) window.iterationDone(p);
		logTiming(p);
		if (!headless) {
			IJ.showStatus(text(p));
			IJ.showProgress(p.fraction());
			return;
		}
		long every = Math.max(1, p.totalIterations / 50);
		if (p.iteration % every == 0 || p.iteration == p.totalIterations || p.iteration == 1) IJ.log("SliceGAN " + p);
	}

	/** Once, after the first few iterations: the measured time per iteration and when the run will end. */
	private void logTiming(TrainingProgress p) {
		if (firstIteration < 0) firstIteration = p.iteration;
		if (timeLogged || p.iteration - firstIteration < 3 || p.iteration >= p.totalIterations) return;
		timeLogged = true;
		double perIteration = p.elapsedMillis / 1000.0 / (p.iteration - firstIteration + 1);
		log(String.format(Locale.ROOT, "%.2f s per iteration; the %d iterations left take about %s (until %s).",
			perIteration, p.totalIterations - p.iteration, TrainingProgress.clock(p.remainingMillis),
			java.time.LocalTime.now().plusSeconds(p.remainingMillis / 1000).withNano(0)));
	}

	/** Iteration, losses and time left on one line. */
	static String text(TrainingProgress p) {
		return String.format(Locale.ROOT, PREFIX + "iteration %d/%d  W %.3f  GP %.3f  G %.3f  ETA %s", p.iteration,
			p.totalIterations, p.wasserstein(), p.penalty, p.generatorLoss, TrainingProgress.clock(p.remainingMillis));
	}

	@Override
	public void checkpointSaved(Path model, long iteration) {
		// the last save is announced by finished()
		if (iteration < total) log("model saved to " + model + " at iteration " + iteration);
	}

	@Override
	public void finished(String summary) {
		log(summary);
		if (window != null) window.finished(summary);
		if (!headless) {
			IJ.showStatus(PREFIX + summary);
			IJ.showProgress(1.0);
		}
	}
}

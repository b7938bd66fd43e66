package sc.fiji.slicegan.train;

import sc.fiji.slicegan.progress.Progress;

/**
 * What a training run reports: the {@link Progress} channel (log, status, 0..1, cancel) and, after every generator
 * step, its losses. Called on the training thread; keep it quick. A listener that only wants the losses (a
 * benchmark, a test) is a lambda: it hears nothing else and never cancels.
 */
@FunctionalInterface
public interface TrainingListener extends Progress {

	void iterationDone(TrainingProgress progress);

	@Override
	default void log(String line) {}

	@Override
	default void status(String text) {}

	@Override
	default void progress(double done) {}

	@Override
	default boolean isCancelled() {
		return false;
	}

	/** Hears nothing, never cancels. */
	TrainingListener NONE = p -> {};
}

package sc.fiji.slicegan.fiji;

import java.util.Locale;

import sc.fiji.slicegan.train.TrainingProgress;

/** Training in a status bar: iteration i/N, losses and time left as text, and the progress bar. */
final class StatusView implements TrainingView {

	/** ImageJ's status bar or SciJava's StatusService. */
	interface Sink {
		void show(String text, long done, long total);
	}

	private final Sink sink;

	StatusView(Sink sink) {
		this.sink = sink;
	}

	static String text(TrainingProgress p) {
		return String.format(Locale.ROOT, "SliceGAN: iteration %d/%d  W %.3f  GP %.3f  G %.3f  ETA %s", p.iteration,
			p.totalIterations, p.wasserstein(), p.penalty, p.generatorLoss, TrainingProgress.clock(p.remainingMillis));
	}

	@Override
	public void iterationDone(TrainingProgress p) {
		sink.show(text(p), p.iteration, p.totalIterations);
	}

	@Override
	public void finished(String summary) {
		sink.show("SliceGAN: " + summary, 1, 1);
	}
}

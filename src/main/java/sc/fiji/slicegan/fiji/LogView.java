package sc.fiji.slicegan.fiji;

import java.nio.file.Path;
import java.util.function.Consumer;

import sc.fiji.slicegan.train.TrainingProgress;

/** Training as log lines (headless, or the Log window): about 50 progress lines per run and every message. */
final class LogView implements TrainingView {

	private final Consumer<String> log;
	private final boolean everyMessage;
	private long total = Long.MAX_VALUE;

	LogView(Consumer<String> log, boolean progressLines) {
		this.log = log;
		this.everyMessage = progressLines;
	}

	@Override
	public void iterationDone(TrainingProgress p) {
		total = p.totalIterations;
		if (!everyMessage) return;
		long every = Math.max(1, p.totalIterations / 50);
		if (p.iteration % every == 0 || p.iteration == p.totalIterations || p.iteration == 1) log.accept(
			"SliceGAN " + p);
	}

	@Override
	public void checkpointSaved(Path model, long iteration) {
		// the last save is announced by finished()
		if (iteration < total) log.accept("SliceGAN: model saved to " + model + " at iteration " + iteration);
	}

	@Override
	public void message(String text) {
		log.accept("SliceGAN: " + text);
	}

	@Override
	public void finished(String summary) {
		log.accept("SliceGAN: " + summary);
	}
}

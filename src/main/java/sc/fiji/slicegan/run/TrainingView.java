package sc.fiji.slicegan.run;

import java.nio.file.Path;

import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.train.TrainingListener;

/**
 * One way of showing a training run (log lines, a status bar, a progress window): the training news, plus what
 * only the use case knows — start, checkpoints, previews of the current generator, and the end.
 */
public interface TrainingView extends TrainingListener {

	/** Training starts. */
	default void started(String title) {}

	/** Whether this view shows the current generator's output (each preview costs a generator pass). */
	default boolean wantsPreview() {
		return false;
	}

	/**
	 * A volume from the current generator (from a fixed noise, so that changes come from training alone), or the
	 * volume made at the end.
	 */
	default void preview(long iteration, GeneratedVolume volume, ModelState model) {}

	default void checkpointSaved(Path model, long iteration) {}

	/** The structure's statistics measured now (see {@link sc.fiji.slicegan.model.FidelityPoint}). */
	default void fidelity(FidelityPoint point) {}

	/** The run ended (finished, stopped or failed); {@code summary} says how. */
	default void finished(String summary) {}
}

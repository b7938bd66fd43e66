package sc.fiji.slicegan.fiji;

import ij.process.ImageProcessor;
import sc.fiji.slicegan.train.TrainingListener;

/** One way of showing a training run: the status bar, log lines, the progress window. */
interface TrainingView extends TrainingListener {

	/** Training starts; {@code stop} ends it cleanly (the model is saved and the last volume returned). */
	default void started(String title, Runnable stop) {}

	/** Whether this view shows the current generator's slices (they cost a generator pass). */
	default boolean wantsPreview() {
		return false;
	}

	/** The generator's mid-plane slices normal to z, y and x after {@code iteration}. */
	default void preview(long iteration, ImageProcessor[] midPlanes) {}

	default void finished(String summary) {}
}

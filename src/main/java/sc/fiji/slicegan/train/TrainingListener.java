package sc.fiji.slicegan.train;

import java.nio.file.Path;

/** What a user interface hears from a training run. Called on the training thread; keep it quick. */
public interface TrainingListener {

	void iterationDone(TrainingProgress progress);

	default void checkpointSaved(Path model, long iteration) {}

	default void message(String text) {}

	TrainingListener NONE = p -> {};
}

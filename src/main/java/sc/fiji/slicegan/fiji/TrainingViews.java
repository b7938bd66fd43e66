package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import ij.IJ;

/** The views a training run gets: with a display, status bar and progress window; headless, log lines. */
final class TrainingViews {

	private TrainingViews() {}

	static List<TrainingView> of(Consumer<String> log, StatusView.Sink status) {
		List<TrainingView> views = new ArrayList<>();
		boolean headless = GraphicsEnvironment.isHeadless();
		views.add(new LogView(log, headless));
		if (!headless) {
			views.add(new StatusView(status));
			views.add(new ProgressWindow());
		}
		return views;
	}

	/** ImageJ 1.x: the Log window and the status and progress bars. */
	static List<TrainingView> imageJ() {
		return of(IJ::log, (text, done, total) -> {
			IJ.showStatus(text);
			IJ.showProgress(done >= total ? 1.0 : (double) done / total);
		});
	}
}

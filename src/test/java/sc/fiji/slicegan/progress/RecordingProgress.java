package sc.fiji.slicegan.progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A progress sink for tests: keeps what it hears, and is cancelled when told (from any thread). */
public class RecordingProgress implements Progress {

	public final List<String> lines = new CopyOnWriteArrayList<>();
	public final List<String> statuses = new CopyOnWriteArrayList<>();
	public final List<Double> fractions = new CopyOnWriteArrayList<>();
	private final CancelRequest cancel = new CancelRequest();

	public void cancel() {
		cancel.request();
	}

	@Override
	public void log(String line) {
		lines.add(line);
	}

	@Override
	public void status(String text) {
		statuses.add(text);
	}

	@Override
	public void progress(double done) {
		fractions.add(done);
	}

	@Override
	public boolean isCancelled() {
		return cancel.isRequested();
	}
}

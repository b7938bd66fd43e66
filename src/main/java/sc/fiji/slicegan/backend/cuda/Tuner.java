package sc.fiji.slicegan.backend.cuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses between two implementations of one operation per shape (our direct kernel and cuDNN), as cuDNN chooses
 * among its algorithms: on the first call each runs twice and the second runs are timed; later calls run the
 * winner. Both must write the same complete output.
 */
final class Tuner {

	private final Runnable synchronize;
	private final Map<String, Boolean> directFaster = new HashMap<>();
	private final List<String> measured = new ArrayList<>();

	Tuner(Runnable synchronize) {
		this.synchronize = synchronize;
	}

	void run(String key, Runnable direct, Runnable library) {
		Boolean d = directFaster.get(key);
		if (d != null) {
			(d ? direct : library).run();
			return;
		}
		direct.run();
		library.run();
		double td = time(direct), tl = time(library);
		directFaster.put(key, td <= tl);
		measured.add(String.format(Locale.ROOT, "%s: direct kernel %.3f ms, cuDNN %.3f ms", key, td, tl));
	}

	private double time(Runnable r) {
		synchronize.run();
		long t0 = System.nanoTime();
		r.run();
		synchronize.run();
		return (System.nanoTime() - t0) / 1e6;
	}

	/** One line per shape: the two times measured. */
	String report() {
		return String.join("\n", measured);
	}
}

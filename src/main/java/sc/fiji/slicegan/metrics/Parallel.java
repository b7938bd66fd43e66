package sc.fiji.slicegan.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a range split into contiguous chunks, one per thread; partial results come back in order. */
final class Parallel implements AutoCloseable {
	interface RangeTask {
		double run(int from, int to);
	}

	private final int threads;
	private final ExecutorService pool;

	Parallel(int threads) {
		this.threads = Math.max(1, threads);
		this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
			Thread t = new Thread(r, "slicegan-metrics");
			t.setDaemon(true);
			return t;
		});
	}

	static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	int threads() {
		return threads;
	}

	/** Runs task over [0, n) in up to {@code threads} chunks and sums the returned values in chunk order. */
	double sum(int n, RangeTask task) {
		int chunks = Math.min(threads, Math.max(1, n));
		if (chunks == 1 || pool == null) return task.run(0, n);
		List<Future<Double>> parts = new ArrayList<>(chunks);
		for (int c = 0; c < chunks; c++) {
			int from = (int) ((long) n * c / chunks);
			int to = (int) ((long) n * (c + 1) / chunks);
			parts.add(pool.submit(() -> task.run(from, to)));
		}
		double s = 0;
		try {
			for (Future<Double> f : parts)
				s += f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			throw new IllegalStateException(cause);
		}
		return s;
	}

	@Override
	public void close() {
		if (pool != null) pool.shutdownNow();
	}
}

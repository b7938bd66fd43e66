package sc.fiji.slicegan.backend.nd4j;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a range into one contiguous chunk per thread; the caller runs the first. As many threads as OpenMP gets
 * (OMP_NUM_THREADS, else the processors), so that the Java loops use the cores oneDNN and ND4J use.
 */
final class ParallelRanges implements AutoCloseable {

	interface Body {
		void run(int from, int to);
	}

	private final int threads;
	private final ExecutorService pool;

	ParallelRanges() {
		threads = threads();
		pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
			Thread t = new Thread(r, "slicegan-cpu");
			t.setDaemon(true);
			return t;
		});
	}

	static int threads() {
		int n = Runtime.getRuntime().availableProcessors();
		try {
			String omp = System.getenv("OMP_NUM_THREADS");
			if (omp != null) n = Math.min(n, Math.max(1, Integer.parseInt(omp.trim().split(",")[0])));
		}
		catch (NumberFormatException e) {
			// keep the processor count
		}
		return n;
	}

	/** Runs body over [0, n) in chunks of at least {@code grain}. */
	void run(int n, int grain, Body body) {
		int chunks = Math.max(1, Math.min(threads, n / Math.max(1, grain)));
		if (chunks == 1) {
			body.run(0, n);
			return;
		}
		@SuppressWarnings("unchecked")
		Future<?>[] parts = new Future<?>[chunks - 1];
		for (int c = 1; c < chunks; c++) {
			int from = (int) ((long) n * c / chunks), to = (int) ((long) n * (c + 1) / chunks);
			parts[c - 1] = pool.submit(() -> body.run(from, to));
		}
		body.run(0, (int) ((long) n / chunks));
		try {
			for (Future<?> f : parts)
				f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause);
		}
	}

	@Override
	public void close() {
		if (pool != null) pool.shutdownNow();
	}
}

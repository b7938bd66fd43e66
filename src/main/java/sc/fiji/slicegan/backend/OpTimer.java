package sc.fiji.slicegan.backend;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wraps a backend and adds up the wall time and call count of each operation, to show where training time goes.
 * With an asynchronous (GPU) backend, time it synchronously.
 */
public final class OpTimer {

	private final Map<String, long[]> totals = new TreeMap<>();
	private final Backend timed;

	public OpTimer(Backend backend) {
		this(backend, false);
	}

	/** @param synchronous wait for each operation to finish, so that queued GPU work is charged to its op */
	public OpTimer(Backend backend, boolean synchronous) {
		timed = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] { Backend.class }, (
			proxy, method, args) -> {
			long t0 = System.nanoTime();
			try {
				Object result = method.invoke(backend, args);
				if (synchronous) backend.synchronize();
				return result;
			}
			catch (InvocationTargetException e) {
				throw e.getCause();
			}
			finally {
				long[] t = totals.computeIfAbsent(method.getName(), k -> new long[2]);
				t[0] += System.nanoTime() - t0;
				t[1]++;
			}
		});
	}

	public Backend backend() {
		return timed;
	}

	public void reset() {
		totals.clear();
	}

	/** One line per operation, the most expensive first: total ms, share, calls. */
	public String report() {
		long all = totals.values().stream().mapToLong(t -> t[0]).sum();
		StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %10s %6s %8s%n", "operation", "ms",
			"share", "calls"));
		totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).forEach(e -> sb
			.append(String.format(Locale.ROOT, "%-30s %10.1f %5.1f%% %8d%n", e.getKey(), e.getValue()[0] / 1e6, 100.0 *
				e.getValue()[0] / Math.max(1, all), e.getValue()[1])));
		return sb.toString();
	}
}

package sc.fiji.slicegan.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * What the processors did over a stretch of time, from Linux's /proc: this process's CPU time per thread, and the
 * busy time of the whole machine. The difference is other work, which makes timings unreliable; the number of
 * threads that did a real share of the work is the parallelism actually obtained. The same reading is done by
 * scripts/pytorch/bench_torch.py for the PyTorch side.
 */
final class CpuUsage {

	private static final double TICK_MS = 10; // USER_HZ = 100 on Linux

	private final long wallNanos;
	private final double machineBusyMs;
	private final Map<String, Double> threadMs;

	private CpuUsage(long wallNanos, double machineBusyMs, Map<String, Double> threadMs) {
		this.wallNanos = wallNanos;
		this.machineBusyMs = machineBusyMs;
		this.threadMs = threadMs;
	}

	static CpuUsage now() {
		return new CpuUsage(System.nanoTime(), machineBusyMs(), threadMs());
	}

	/** Busy time of all processors: user, nice, system, irq, softirq, steal. */
	private static double machineBusyMs() {
		try {
			String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 })
				busy += Long.parseLong(f[i]);
			return busy * TICK_MS;
		}
		catch (IOException | RuntimeException e) {
			return Double.NaN;
		}
	}

	private static Map<String, Double> threadMs() {
		Map<String, Double> ms = new HashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
			for (Path t : tasks) {
				try {
					String stat = new String(Files.readAllBytes(t.resolve("stat")));
					String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					// fields 14 and 15 (utime, stime) are 12 and 13 after the command name
					ms.put(t.getFileName().toString(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS);
				}
				catch (IOException | RuntimeException e) {
					// the thread ended
				}
			}
		}
		catch (IOException e) {
			// not Linux
		}
		return ms;
	}

	/** The readings between {@code start} and this one. */
	static final class Interval {
		final double wallMs, ownMs, othersCores;
		final int busyThreads;

		Interval(CpuUsage start, CpuUsage end) {
			wallMs = (end.wallNanos - start.wallNanos) / 1e6;
			double own = 0;
			int busy = 0;
			for (Map.Entry<String, Double> e : end.threadMs.entrySet()) {
				double d = e.getValue() - start.threadMs.getOrDefault(e.getKey(), 0.0);
				own += d;
				// a thread that worked a fifth of the time or more takes part in the computation
				if (d >= 0.2 * wallMs) busy++;
			}
			ownMs = own;
			busyThreads = busy;
			othersCores = Math.max(0, (end.machineBusyMs - start.machineBusyMs - own) / wallMs);
		}

		double parallelism() {
			return ownMs / wallMs;
		}
	}

	Interval since(CpuUsage start) {
		return new Interval(start, this);
	}
}

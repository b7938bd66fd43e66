package sc.fiji.slicegan.backend;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/** How much memory there is, for the checks that refuse work before it runs out (and kills the JVM). */
public final class Memory {

	private Memory() {}

	/** Bytes of main memory outside the Java heap: what native tensors (and the system) can have. */
	public static long offHeap() {
		OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
		long total = os instanceof com.sun.management.OperatingSystemMXBean
			? ((com.sun.management.OperatingSystemMXBean) os).getTotalPhysicalMemorySize() : Long.MAX_VALUE;
		return Math.max(0, total - Runtime.getRuntime().maxMemory());
	}

	/** Bytes the Java heap can still give (its maximum less what is in use). */
	public static long heapAvailable() {
		Runtime r = Runtime.getRuntime();
		return r.maxMemory() - (r.totalMemory() - r.freeMemory());
	}

	/** "2.3 GiB". */
	public static String format(long bytes) {
		if (bytes >= 1L << 40) return String.format(Locale.ROOT, "%.1f TiB", bytes / (double) (1L << 40));
		if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
		return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
	}
}

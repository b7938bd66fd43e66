package sc.fiji.slicegan.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import sc.fiji.slicegan.progress.CancelRequest;

/**
 * Ctrl-C (SIGINT, or SIGTERM) during a command asks it to stop instead of killing it: training stops after its
 * current step and saves the model, generation and comparison end at their next check. The JVM waits for that.
 */
final class Interrupts {

	/** At most this long for a command to finish once asked to stop. */
	private static final long WAIT_SECONDS = 120;

	private Interrupts() {}

	static <T> T cancellable(CancelRequest cancel, Supplier<T> work) {
		CountDownLatch finished = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			cancel.request();
			try {
				finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "SliceGAN interrupt");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			return work.get();
		}
		finally {
			finished.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException shuttingDown) {
				// the hook is running: it waits for the latch released above
			}
		}
	}
}

package sc.fiji.slicegan.progress;

/**
 * The one channel through which a long task reports and hears a cancel request, in the shape of TrackMate's
 * {@code Logger}: log lines, a status line, how much is done (0..1), and whether the user asked to stop. A step of a
 * larger task gets a {@link #range} view that maps its own 0..1 into its part of the parent's.
 * <p>
 * Called on the working thread; implementations keep each call quick.
 */
public interface Progress {

	/** A line worth keeping (the Log window, the console). */
	void log(String line);

	/** What is being done now; replaced by the next status. */
	void status(String text);

	/** How much of this task is done, 0..1. */
	void progress(double done);

	/** Whether the user asked to stop; long steps look at it often and end early. */
	boolean isCancelled();

	/**
	 * Asks the user a yes/no question (e.g. whether to replace a file), where a user can be asked: a dialog in Fiji.
	 * The command line and macros cannot ask, and answer no (they have options for it).
	 */
	default boolean confirm(String question) {
		return false;
	}

	/** Ends a long step early when the user asked to stop. */
	default void checkCancelled() {
		if (isCancelled()) throw new CancelledException();
	}

	/** A view for one step that covers {@code [from, to]} of this task's progress. */
	default Progress range(double from, double to) {
		return new ProgressRange(this, from, to);
	}

	/** Reports nowhere and is never cancelled. */
	Progress NONE = new Progress() {

		@Override
		public void log(String line) {}

		@Override
		public void status(String text) {}

		@Override
		public void progress(double done) {}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};
}

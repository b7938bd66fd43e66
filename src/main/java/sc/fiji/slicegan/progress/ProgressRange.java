package sc.fiji.slicegan.progress;

/** One step's view of its parent's progress: the step's 0..1 is the parent's {@code [from, to]}. */
final class ProgressRange implements Progress {

	private final Progress parent;
	private final double from, to;

	ProgressRange(Progress parent, double from, double to) {
		this.parent = parent;
		this.from = from;
		this.to = to;
	}

	@Override
	public void log(String line) {
		parent.log(line);
	}

	@Override
	public void status(String text) {
		parent.status(text);
	}

	@Override
	public void progress(double done) {
		parent.progress(from + (to - from) * Math.max(0, Math.min(1, done)));
	}

	@Override
	public boolean isCancelled() {
		return parent.isCancelled();
	}
}

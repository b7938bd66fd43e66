package sc.fiji.slicegan.progress;

/** One step's view of its parent's progress: the step's 0..1 is the parent's {@code [from, to]}. */
final class ProgressRange extends ForwardingProgress {

	private final double from, to;

	ProgressRange(Progress parent, double from, double to) {
		super(parent);
		this.from = from;
		this.to = to;
	}

	@Override
	public void progress(double done) {
		target.progress(from + (to - from) * Math.max(0, Math.min(1, done)));
	}
}

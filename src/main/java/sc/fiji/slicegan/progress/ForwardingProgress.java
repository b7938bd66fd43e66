package sc.fiji.slicegan.progress;

/** A progress that passes everything on to another; subclasses change what they need (a range, a training view). */
public abstract class ForwardingProgress implements Progress {

	protected final Progress target;

	protected ForwardingProgress(Progress target) {
		this.target = target;
	}

	@Override
	public void log(String line) {
		target.log(line);
	}

	@Override
	public void status(String text) {
		target.status(text);
	}

	@Override
	public void progress(double done) {
		target.progress(done);
	}

	@Override
	public boolean confirm(String question) {
		return target.confirm(question);
	}

	@Override
	public boolean isCancelled() {
		return target.isCancelled();
	}
}

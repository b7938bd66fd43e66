package sc.fiji.slicegan.progress;

/** A stop request that any thread may set (a Stop button, Esc, Ctrl-C) and the working thread reads. */
public final class CancelRequest {

	private volatile boolean requested;

	public void request() {
		requested = true;
	}

	public boolean isRequested() {
		return requested;
	}
}

package sc.fiji.slicegan.progress;

/** Unwinds a long step that saw {@link Progress#isCancelled}; the use case that started it reports "cancelled". */
public final class CancelledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super("cancelled", null, false, false);
	}
}

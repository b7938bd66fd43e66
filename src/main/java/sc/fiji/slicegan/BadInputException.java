package sc.fiji.slicegan;

/**
 * Input a user can fix: the message says what is wrong and what to do. User interfaces show the message, not a
 * stack trace.
 */
public class BadInputException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	public BadInputException(String message) {
		super(message);
	}

	public BadInputException(String message, Throwable cause) {
		super(message, cause);
	}
}

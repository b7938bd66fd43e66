package sc.fiji.slicegan.backend;

import java.lang.reflect.InvocationTargetException;

import sc.fiji.slicegan.BadInputException;

/**
 * Opens a backend by name. Implementations are loaded by reflection, so that this package (and everything that
 * computes over it) never links against a native library.
 */
public final class Backends {

	private static final String CPU = "sc.fiji.slicegan.backend.nd4j.Nd4jBackend";

	private Backends() {}

	/** The choices a user has. This version computes on the CPU. */
	public static final String[] CHOICES = { "auto", "cpu" };

	public static Backend open(String choice, Precision precision) {
		String c = choice == null ? "auto" : choice.trim().toLowerCase();
		switch (c) {
			case "auto":
			case "cpu":
				return load(CPU, precision);
			default:
				throw new BadInputException("Unknown backend '" + choice + "': use auto or cpu.");
		}
	}

	private static Backend load(String className, Precision precision) {
		try {
			return (Backend) Class.forName(className).getConstructor(Precision.class).newInstance(precision);
		}
		catch (InvocationTargetException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			throw new IllegalStateException("Could not start the " + className + " backend: " + cause, cause);
		}
		catch (ReflectiveOperationException | LinkageError e) {
			throw new IllegalStateException("The CPU backend's libraries (ND4J) are missing from the class path: " + e,
				e);
		}
	}
}

package sc.fiji.slicegan.backend;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import sc.fiji.slicegan.BadInputException;

/**
 * Opens a backend by name. Implementations are loaded by reflection, so that this package (and everything that
 * computes over it) never links against a native library. {@code auto} takes the GPU when a CUDA 13 driver, runtime
 * and cuDNN 9 can be loaded and a device is present, else the CPU, saying why in one line.
 */
public final class Backends {

	private static final String CPU = "sc.fiji.slicegan.backend.nd4j.Nd4jBackend";
	private static final String GPU = "sc.fiji.slicegan.backend.cuda.CudaBackend";

	private Backends() {}

	private static volatile boolean fallbackNoted;

	/** The choices a user has. */
	public static final String[] CHOICES = { "auto", "cpu", "gpu" };

	public static Backend open(String choice, Precision precision) {
		return open(choice, precision, System.err::println);
	}

	/** @param notes receives the one-line reason when {@code auto} falls back to the CPU */
	public static Backend open(String choice, Precision precision, Consumer<String> notes) {
		String c = choice == null ? "auto" : choice.trim().toLowerCase();
		switch (c) {
			case "cpu":
				return load(CPU, precision);
			case "gpu":
				try {
					return load(GPU, precision);
				}
				catch (RuntimeException | LinkageError e) {
					throw new BadInputException("The GPU backend could not start: " + reason(e) + ". It needs an NVIDIA " +
						"GPU (Turing or newer) with a driver for CUDA 13, and the CUDA 13 runtime, NVRTC and cuDNN 9 " +
						"libraries on the library path (LD_LIBRARY_PATH), e.g. from the CUDA toolkit or the nvidia-*-cu13 " +
						"Python wheels. Choose the cpu backend otherwise.", e);
				}
			case "auto":
				if (precision == Precision.FLOAT) {
					try {
						return load(GPU, precision);
					}
					catch (RuntimeException | LinkageError e) {
						// said once per process: a Fiji session opens a backend for every command
						if (!fallbackNoted) notes.accept("Using the CPU: no usable GPU (" + reason(e) + ").");
						fallbackNoted = true;
					}
				}
				return load(CPU, precision);
			default:
				throw new BadInputException("Unknown backend '" + choice + "': use auto, cpu or gpu.");
		}
	}

	/** The library a loader names: "no jnicudart in java.library.path", "libcudnn.so.9: cannot open …". */
	private static final Pattern NATIVE_LIBRARY = Pattern.compile(
		"no (\\S+) in java\\.library\\.path|([\\w.+-]+\\.(so|dylib|dll)[.\\d]*)");

	private static String reason(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root)
			root = root.getCause();
		String m = root.getMessage();
		m = m == null ? root.getClass().getSimpleName() : m.split("\n")[0];
		if (m.length() > 160) m = m.substring(0, 160) + "…";
		// a missing native library is the usual case: name what is missing, not the loader's exception
		Matcher lib = NATIVE_LIBRARY.matcher(m);
		if (root instanceof UnsatisfiedLinkError || m.contains("UnsatisfiedLinkError") || m.contains(
			"cannot open shared object")) return "the NVIDIA driver or the CUDA 13 / cuDNN 9 libraries were not found" +
				(lib.find() ? " (" + (lib.group(1) != null ? lib.group(1) : lib.group(2)) + " could not be loaded)" : "");
		return m;
	}

	private static Backend load(String className, Precision precision) {
		try {
			return (Backend) Class.forName(className).getConstructor(Precision.class).newInstance(precision);
		}
		catch (InvocationTargetException e) {
			Throwable cause = e.getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException("Could not start " + className + ": " + cause, cause);
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("The backend " + className + " is missing from the class path: " + e, e);
		}
	}
}

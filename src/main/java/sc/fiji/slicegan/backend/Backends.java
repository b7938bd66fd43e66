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
				return cpu(precision);
			case "gpu":
				try {
					return load(GPU, precision);
				}
				catch (RuntimeException | LinkageError e) {
					throw new BadInputException("The GPU backend could not start: " + reason(e) +
						". It needs an NVIDIA " +
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
				return cpu(precision);
			default:
				throw new BadInputException("Unknown backend '" + choice + "': use auto, cpu or gpu.");
		}
	}

	/** The library a loader names: "no jnicudart in java.library.path", "libcudnn.so.9: cannot open …". */
	private static final Pattern NATIVE_LIBRARY = Pattern.compile(
		"no (\\S+) in java\\.library\\.path|([\\w.+-]+\\.(so|dylib|dll)[.\\d]*)");

	/** Why the GPU backend did not start, in one line that names a missing library first. */
	private static String reason(Throwable e) {
		String m = rootMessage(e);
		// a missing native library is the usual case: name what is missing, not the loader's exception
		String lib = missingLibrary(e, m);
		return lib != null ? "the NVIDIA driver or the CUDA 13 / cuDNN 9 libraries were not found" + (lib.isEmpty() ? ""
			: " (" + lib + " could not be loaded)") : m;
	}

	/** The root cause's first line, at most 160 characters. */
	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root)
			root = root.getCause();
		String m = root.getMessage();
		m = m == null ? root.getClass().getSimpleName() : m.split("\n")[0];
		return m.length() > 160 ? m.substring(0, 160) + "…" : m;
	}

	/** The native library a loading failure names ("" if none is named), or null if it is not one. */
	private static String missingLibrary(Throwable e, String message) {
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root)
			root = root.getCause();
		if (!(root instanceof UnsatisfiedLinkError || message.contains("UnsatisfiedLinkError") || message.contains(
			"cannot open shared object"))) return null;
		Matcher lib = NATIVE_LIBRARY.matcher(message);
		return lib.find() ? lib.group(1) != null ? lib.group(1) : lib.group(2) : "";
	}

	private static volatile Boolean gpu;

	/**
	 * Whether {@code auto} would train on the GPU (the driver, runtime and a device are there): checked once per
	 * process, without starting the GPU backend, for the defaults a dialog proposes.
	 */
	public static boolean gpuLikely() {
		if (gpu == null) {
			try {
				gpu = (Boolean) Class.forName(GPU).getMethod("deviceAvailable").invoke(null);
			}
			catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
				gpu = false;
			}
		}
		return gpu;
	}

	/** The CPU backend, or one message that says what is missing when its native libraries do not load. */
	private static Backend cpu(Precision precision) {
		try {
			return load(CPU, precision);
		}
		catch (LinkageError e) {
			throw new BadInputException("SliceGAN's CPU libraries (ND4J and its natives for " + System.getProperty(
				"os.name") + " " + System.getProperty("os.arch") + ") could not be loaded (" + describe(e) +
				"). Install " +
				"SliceGAN with scripts/install-into-fiji.sh (or unzip the Fiji package into Fiji.app) and restart Fiji.",
				e);
		}
	}

	private static String describe(LinkageError e) {
		String m = rootMessage(e), lib = missingLibrary(e, m);
		return lib == null ? m : lib.isEmpty() ? "a native library is missing: " + m : lib + " is missing";
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

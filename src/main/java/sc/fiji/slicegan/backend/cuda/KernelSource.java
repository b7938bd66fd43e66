package sc.fiji.slicegan.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CUDA sources of our kernels, resources beside this class: one .cu file per operation and the headers they
 * include. The program NVRTC compiles is the .cu files one after the other; the headers are handed to NVRTC by
 * name, so that their {@code #include "..."} lines resolve ({@code scripts/check-kernels.sh} compiles the same with
 * nvcc).
 */
final class KernelSource {

	static final List<String> HEADERS = Arrays.asList("common.cuh");

	static final List<String> FILES = Arrays.asList("fill.cu", "relu.cu", "tanh_unit.cu", "softmax.cu", "slices.cu",
		"crops.cu", "interpolate.cu", "axpy.cu", "sum.cu", "norm_penalty.cu", "dense.cu", "argmax.cu", "adam.cu",
		"batch_norm.cu", "convt_k4s2.cu", "upsample.cu", "bias.cu");

	private KernelSource() {}

	static String read(String file) {
		try (InputStream in = KernelSource.class.getResourceAsStream(file)) {
			if (in == null) throw new IllegalStateException("kernel source " + file +
				" is missing from the class path");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The program: every .cu file, each introduced by a line naming it. */
	static String program() {
		StringBuilder sb = new StringBuilder();
		for (String f : FILES)
			sb.append("#line 1 \"").append(f).append("\"\n").append(read(f)).append('\n');
		return sb.toString();
	}

	/** The headers by the name they are included with. */
	static Map<String, String> headers() {
		Map<String, String> h = new LinkedHashMap<>();
		for (String f : HEADERS)
			h.put(f, read(f));
		return h;
	}
}

package sc.fiji.slicegan.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The kernels' C signatures against their typed Java launchers, without a GPU: every {@code extern "C" __global__}
 * kernel of the .cu sources has a launcher whose parameters have the same types in the same order (int ↔ int,
 * long ↔ long, float ↔ float, double ↔ double, pointer ↔ tensor or device address), every launcher names kernels
 * that exist, and each launcher packs its parameters in order, each with its own width.
 */
class KernelSignatureTest {

	private static final Pattern KERNEL = Pattern.compile(
		"extern\\s+\"C\"\\s+__global__\\s+void\\s+(\\w+)\\s*\\(([^)]*)\\)");

	/** Every kernel's parameter kinds by name: 'p' pointer, 'i' int, 'l' long, 'f' float, 'd' double. */
	static Map<String, String> kernels() {
		Map<String, String> kernels = new LinkedHashMap<>();
		String source = stripComments(KernelSource.program());
		Matcher m = KERNEL.matcher(source);
		while (m.find()) {
			StringBuilder kinds = new StringBuilder();
			if (!m.group(2).isBlank()) for (String p : m.group(2).split(","))
				kinds.append(kind(m.group(1), p));
			assertEquals(null, kernels.put(m.group(1), kinds.toString()), "kernel " + m.group(1) + " defined twice");
		}
		int globals = source.split("__global__", -1).length - 1;
		assertEquals(globals, kernels.size(), "every __global__ function is declared extern \"C\" __global__ void " +
			"name(...) on its own, so that its signature is checked");
		return kernels;
	}

	private static String stripComments(String s) {
		return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
	}

	/**
	 * The kind of one C parameter declaration such as {@code const float* __restrict__ x} or {@code long long n}
	 * ({@code long} is refused: it has 32 bits on Windows, where NVRTC follows the host).
	 */
	private static char kind(String kernel, String declaration) {
		String d = declaration.replace("__restrict__", " ").replace("const", " ").trim();
		if (d.contains("*")) return 'p';
		String type = d.substring(0, d.lastIndexOf(' ')).trim().replaceAll("\\s+", " ");
		switch (type) {
			case "int":
				return 'i';
			case "long long":
				return 'l';
			case "float":
				return 'f';
			case "double":
				return 'd';
			default:
				throw new AssertionError(kernel + ": parameter type '" + type + "' has no Java counterpart");
		}
	}

	/** The Java counterpart's kind, or '?'. */
	private static char kind(Class<?> c) {
		if (c == CudaTensor.class || c == Pointer.class) return 'p';
		if (c == int.class) return 'i';
		if (c == long.class) return 'l';
		if (c == float.class) return 'f';
		if (c == double.class) return 'd';
		return '?';
	}

	private static List<Method> launchers() {
		List<Method> l = new ArrayList<>();
		for (Method m : Kernels.class.getDeclaredMethods())
			if (m.isAnnotationPresent(Kernel.class)) l.add(m);
		assertFalse(l.isEmpty());
		return l;
	}

	private static String kinds(Method m) {
		StringBuilder sb = new StringBuilder();
		for (Class<?> c : m.getParameterTypes())
			sb.append(kind(c));
		return sb.toString();
	}

	@Test
	void everyKernelHasALauncherWithItsParameterTypes() {
		Map<String, String> kernels = kernels();
		TreeSet<String> launched = new TreeSet<>();
		for (Method m : launchers())
			for (String name : m.getAnnotation(Kernel.class).value()) {
				assertTrue(launched.add(name), name + " has two launchers");
				String c = kernels.get(name);
				assertNotNull(c, "launcher " + m.getName() + " names kernel " + name + ", which no .cu file defines");
				assertEquals(c, kinds(m), "parameters of kernel " + name + " (C) vs launcher " + m.getName() +
					" (Java): p pointer, i int, l long, f float, d double");
			}
		assertEquals(new TreeSet<>(kernels.keySet()), launched, "kernels without a launcher");
		assertEquals(launched, new TreeSet<>(Kernels.names()));
	}

	/** A device address that says which parameter it stands for. */
	private static Pointer address(long a) {
		return new Pointer() {
			{
				address = a;
			}
		};
	}

	/** A distinct value per parameter position, of the parameter's type. */
	private static Object dummy(Class<?> c, int i) {
		if (c == int.class) return 100 + i;
		if (c == long.class) return (1L << 40) + i;
		if (c == float.class) return i + 0.5f;
		if (c == double.class) return i + 0.25;
		if (c == Pointer.class) return address(4096L * (i + 1));
		if (c == CudaTensor.class) return new CudaTensor(address(4096L * (i + 1)), new int[] { 2, 3, 4, 4, 4 }, false,
			false);
		throw new AssertionError(c);
	}

	private static long bits(Object v) {
		if (v instanceof Integer) return (Integer) v;
		if (v instanceof Long) return (Long) v;
		if (v instanceof Float) return Float.floatToRawIntBits((Float) v);
		if (v instanceof Double) return Double.doubleToRawLongBits((Double) v);
		if (v instanceof CudaTensor) return ((CudaTensor) v).data.address();
		return ((Pointer) v).address();
	}

	@Test
	void everyLauncherPacksItsParametersInOrderWithTheirWidths() throws Exception {
		String[] kernel = new String[1];
		KernelArgs[] seen = new KernelArgs[1];
		int[] grid = new int[3];
		Kernels k = new Kernels((name, gx, gy, block, args) -> {
			kernel[0] = name;
			seen[0] = args;
			grid[0] = gx;
			grid[1] = gy;
			grid[2] = block;
		});
		for (Method m : launchers()) {
			Class<?>[] types = m.getParameterTypes();
			Object[] values = new Object[types.length];
			for (int i = 0; i < types.length; i++)
				values[i] = dummy(types[i], i);
			kernel[0] = null;
			m.invoke(k, values);
			assertTrue(Arrays.asList(m.getAnnotation(Kernel.class).value()).contains(kernel[0]), m.getName() +
				" launched " +
				kernel[0]);
			assertEquals(types.length, seen[0].count, m.getName() + ": arguments packed");
			for (int i = 0; i < types.length; i++) {
				assertEquals(kind(types[i]), seen[0].kinds[i], m.getName() + " argument " + i + ": width");
				assertEquals(bits(values[i]), seen[0].bits[i], m.getName() + " argument " + i + ": value (order)");
			}
			assertTrue(grid[0] >= 0 && grid[1] >= 1 && grid[2] > 0 && grid[2] <= 1024, m.getName() +
				": launch geometry");
		}
	}

	/** The directory the sources are read from, on the class path. */
	private static Path sourceDirectory() throws URISyntaxException {
		return Paths.get(KernelSource.class.getResource(KernelSource.HEADERS.get(0)).toURI()).getParent();
	}

	@Test
	void everySourceFileIsCompiledAndNeedsNoHostHeaders() throws IOException, URISyntaxException {
		List<String> listed = new ArrayList<>(KernelSource.FILES);
		listed.addAll(KernelSource.HEADERS);
		List<String> present;
		try (Stream<Path> files = Files.list(sourceDirectory())) {
			present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu") || n.endsWith(".cuh"))
				.sorted()
				.collect(Collectors.toList());
		}
		assertEquals(new TreeSet<>(present), new TreeSet<>(listed), "KernelSource lists every .cu and .cuh file");
		Pattern include = Pattern.compile("#\\s*include\\s*(\\S+)");
		for (String f : listed) {
			String text = KernelSource.read(f);
			for (char c : text.toCharArray())
				if (c > 126 || c < 32 && c != '\n' && c != '\t') fail(f + ": non-ASCII character " + (int) c);
			Matcher m = include.matcher(text);
			while (m.find()) {
				String name = m.group(1);
				assertTrue(name.startsWith("\"") && KernelSource.HEADERS.contains(name.replace("\"", "")), f +
					" includes " +
					name + ": NVRTC has no host headers, only our own");
			}
		}
	}
}

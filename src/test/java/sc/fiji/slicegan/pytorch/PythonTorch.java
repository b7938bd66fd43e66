package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python with PyTorch for the checks that need it: $SLICEGAN_PYTHON, else Debian's /usr/bin/python3 (python3-torch),
 * else python3 on the PATH; null when none imports torch.
 */
final class PythonTorch {

	private PythonTorch() {}

	private static String found;
	private static boolean searched;

	static synchronized String find() {
		if (!searched) {
			found = search();
			searched = true;
		}
		return found;
	}

	private static String search() {
		List<String> candidates = new ArrayList<>();
		String env = System.getenv("SLICEGAN_PYTHON");
		if (env != null && !env.isEmpty()) candidates.add(env);
		candidates.addAll(Arrays.asList("/usr/bin/python3", "python3"));
		for (String py : candidates)
			try {
				if (run(py, "-c", "import torch, numpy").exitCode == 0) return py;
			}
			catch (IOException e) {
				// not installed: try the next
			}
		return null;
	}

	static final class Result {
		final int exitCode;
		final String output;

		Result(int exitCode, String output) {
			this.exitCode = exitCode;
			this.output = output;
		}
	}

	static Result run(String... command) throws IOException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(300, TimeUnit.SECONDS)) p.destroyForcibly();
			return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
		}
		catch (InterruptedException e) {
			p.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}
}

package sc.fiji.slicegan.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line in a JVM of its own (to be killed or interrupted), its output collected as it comes. */
final class ChildJvm {

	final Process process;
	private final StringBuilder out = new StringBuilder();
	private final Thread reader;

	ChildJvm(String... args) throws IOException {
		this(new String[0], args);
	}

	ChildJvm(String[] jvmOptions, String... args) throws IOException {
		List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2");
		cmd.addAll(Arrays.asList(jvmOptions));
		cmd.add("-cp");
		cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
		cmd.add(Main.class.getName());
		cmd.addAll(Arrays.asList(args));
		process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		reader = new Thread(() -> {
			try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
				StandardCharsets.UTF_8)))
			{
				for (String line; (line = r.readLine()) != null;)
					synchronized (out) {
						out.append(line).append('\n');
					}
			}
			catch (IOException e) {
				// the process ended
			}
		});
		reader.start();
	}

	String output() {
		synchronized (out) {
			return out.toString();
		}
	}

	/** Waits until the output contains the text (or the process ends, or the time is up). */
	boolean await(String text, long millis) throws InterruptedException {
		long end = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < end) {
			if (output().contains(text)) return true;
			if (!process.isAlive()) return output().contains(text);
			Thread.sleep(20);
		}
		return false;
	}

	int waitFor() throws InterruptedException {
		int code = process.waitFor();
		reader.join(5000);
		return code;
	}
}

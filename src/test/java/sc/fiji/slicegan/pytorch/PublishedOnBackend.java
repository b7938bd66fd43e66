package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.model.ModelState;

/**
 * The PyTorch-made generators of src/test/resources/pytorch, imported and run on a backend (the GPU check runs this on
 * CUDA; it reads the files from the class path, so it works from a jar too): evaluation-mode outputs against
 * PyTorch's, largest difference within 1e-4.
 */
public final class PublishedOnBackend {

	static final double TOLERANCE = 1e-4;

	private PublishedOnBackend() {}

	/** @return one line per case: "ok imported NAME: …" or "FAIL imported NAME: …" */
	public static List<String> check(Backend be) throws IOException {
		Path dir = Files.createTempDirectory("slicegan-pytorch");
		JsonObject cases;
		try (InputStream in = resource("cases.json")) {
			cases = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		}
		List<String> lines = new ArrayList<>();
		for (String name : cases.keySet()) {
			for (String f : new String[] { "_Gen.pt", "_params.data", "-noise.f32", "-out.f32" })
				try (InputStream in = resource(name + f)) {
					Files.copy(in, dir.resolve(name + f), StandardCopyOption.REPLACE_EXISTING);
				}
			try {
				ModelState m = GeneratorImport.read(dir.resolve(name + "_Gen.pt"), dir.resolve(name + "_params.data"),
					null,
					null);
				float[] expected = PyTorchFiles.floats(dir.resolve(name + "-out.f32"));
				float[] actual = PyTorchFiles.evaluate(be, m, PyTorchFiles.shape(cases.getAsJsonObject(name), "noise"),
					PyTorchFiles.floats(dir.resolve(name + "-noise.f32")));
				double worst = 0;
				for (int i = 0; i < expected.length; i++)
					worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
				lines.add(String.format(Locale.ROOT, "%s imported %s (%s): largest difference from PyTorch %.2e",
					worst <
						TOLERANCE ? "ok" : "FAIL", name, m.spec.kind.id, worst));
			}
			catch (RuntimeException e) {
				lines.add("FAIL imported " + name + ": " + e);
			}
		}
		return lines;
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = PublishedOnBackend.class.getResourceAsStream("/pytorch/" + name);
		if (in == null) throw new IOException("/pytorch/" + name + " is not on the class path");
		return in;
	}
}

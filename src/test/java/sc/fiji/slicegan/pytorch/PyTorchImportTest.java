package sc.fiji.slicegan.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonObject;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.nn.Generator;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.OutputWindow;

/**
 * Generators written by PyTorch with the published layer structure (scripts/pytorch/make_pytorch_files.py), imported
 * and run here on PyTorch's noise: the evaluation-mode output equals PyTorch's within 1e-4 (float32), the labels are
 * its argmax except where two phases tie within that; the model file then generates like any other (any latent size,
 * periodic, in slabs).
 */
class PyTorchImportTest {

	static final double TOLERANCE = 1e-4;
	static Backend be;
	static JsonObject cases;

	@BeforeAll
	static void open() throws IOException {
		be = new Nd4jBackend(Precision.FLOAT);
		cases = PyTorchFiles.cases();
	}

	@AfterAll
	static void close() {
		be.close();
	}

	static ModelState imported(String name) {
		return GeneratorImport.read(PyTorchFiles.file(name + "_Gen.pt"), PyTorchFiles.file(name + "_params.data"), null,
			null);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "transposed3", "rc3", "gray1" })
	void outputsEqualPyTorchsForTheSameNoise(String name) throws IOException {
		JsonObject c = cases.getAsJsonObject(name);
		ModelState m = imported(name);
		assertEquals(c.get("kind").getAsString().equals("rc") ? GeneratorKind.RESIZE_CONV : GeneratorKind.TRANSPOSED,
			m.spec.kind);
		assertEquals(c.get("type").getAsString().equals("nphase") ? ImageKind.N_PHASE : ImageKind.GRAYSCALE, m.kind);
		int[] noiseShape = PyTorchFiles.shape(c, "noise"), outShape = PyTorchFiles.shape(c, "out");
		float[] noise = PyTorchFiles.floats(PyTorchFiles.file(name + "-noise.f32"));
		float[] expected = PyTorchFiles.floats(PyTorchFiles.file(name + "-out.f32"));
		float[] actual = PyTorchFiles.evaluate(be, m, noiseShape, noise);
		assertEquals(expected.length, actual.length);
		double worst = 0;
		for (int i = 0; i < expected.length; i++)
			worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
		assertTrue(worst < TOLERANCE, name + ": largest difference " + worst);
		int ties = m.kind == ImageKind.N_PHASE ? assertLabels(m, noiseShape, noise, outShape, expected) : 0;
		System.out.printf("%s: %d values, largest difference from PyTorch %.2e, labels differing at near-ties: %d%n",
			name, expected.length, worst, ties);
	}

	/** Labels straight from the generator (the path generation takes), against PyTorch's argmax. */
	private static int assertLabels(ModelState m, int[] noiseShape, float[] noise, int[] outShape, float[] p) {
		int c = outShape[1], d = outShape[2], h = outShape[3], w = outShape[4], plane = h * w, voxels = d * plane;
		byte[][] planes = new byte[d][];
		byte[] lut = { 0, 1, 2 };
		try (Generator g = PyTorchFiles.generator(be, m); Tensor z = be.allocate(noiseShape)) {
			be.upload(noise, z);
			g.evaluateLabels(z, OutputWindow.whole(m.spec, new int[] { noiseShape[2], noiseShape[3], noiseShape[4] }),
				lut,
				planes, 0);
		}
		int ties = 0;
		for (int v = 0; v < voxels; v++) {
			int best = 0;
			for (int k = 1; k < c; k++)
				if (p[k * voxels + v] > p[best * voxels + v]) best = k;
			int label = planes[v / plane][v % plane];
			if (label == best) continue;
			assertTrue(Math.abs(p[label * voxels + v] - p[best * voxels + v]) < TOLERANCE, "voxel " + v + ": label " +
				label + ", PyTorch's argmax " + best);
			ties++;
		}
		assertTrue(ties < voxels / 1000, ties + " near-ties");
		return ties;
	}

	/** What the GPU check runs on CUDA, here on the CPU (from the class path's copies of the files). */
	@Test
	void theGpuChecksCasesPassOnTheCpu() throws IOException {
		java.util.List<String> lines = PublishedOnBackend.check(be);
		assertEquals(cases.size(), lines.size());
		for (String l : lines)
			assertTrue(l.startsWith("ok "), l);
	}

	@Test
	void theModelRecordsWhatItIs() {
		ModelState m = imported("rc3");
		assertEquals(GeneratorKind.RESIZE_CONV, m.spec.kind);
		assertEquals(Head.SOFTMAX, m.spec.head);
		assertEquals(4, m.spec.latentChannels);
		assertEquals(GeneratorImport.PUBLISHED_LATENT_SIZE, m.spec.latentSize);
		// two transposed convolutions are used (the third, in the file, is not), then the 3×3×3 convolution
		assertEquals("[8{4,2,2}, 6{4,2,2}, 3{3,1,0}]", m.spec.generator.toString());
		assertEquals("[6{4,2,1}, 8{4,2,1}, 1{4,2,0}]", m.spec.critic.toString());
		assertArrayEquals(new int[] { 0, 1, 2 }, m.phaseValues);
		assertEquals(16, m.spec.trainingEdge());
		assertNull(m.config);
		assertTrue(m.importedFrom.contains("rc3_Gen.pt") && m.importedFrom.contains("rc3_params.data"), m.importedFrom);
		assertEquals(0, m.tensors.keySet().stream().filter(k -> !k.startsWith("G.")).count(), "no critic tensors");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "transposed3", "rc3" })
	void theModelFileGeneratesLikeAnyOther(String name, @TempDir Path dir) throws IOException {
		ModelState m = GeneratorImport.read(PyTorchFiles.file(name + "_Gen.pt"), PyTorchFiles.file(name +
			"_params.data"), ImageKind.N_PHASE, new int[] { 0, 128, 255 });
		Path file = dir.resolve("imported.zip");
		ModelFile.save(m, file);
		ModelState loaded = ModelFile.load(file);
		assertEquals(m.importedFrom, loaded.importedFrom);
		assertArrayEquals(new int[] { 0, 128, 255 }, loaded.phaseValues);
		for (Map.Entry<String, float[]> e : m.tensors.entrySet())
			assertArrayEquals(e.getValue(), loaded.tensors.get(e.getKey()), e.getKey());
		boolean[] none = new boolean[3], xy = { false, true, true };
		try (VolumeGenerator whole = new VolumeGenerator(be, loaded); VolumeGenerator slabs = new VolumeGenerator(be,
			loaded))
		{
			slabs.setTileVoxels(4L * 40 * 40);
			GeneratedVolume a = whole.generate(6, 7, none), b = slabs.generate(6, 7, none);
			assertEquals(m.spec.volumeEdge(6), a.depth);
			assertSameLabels(a, b);
			for (int v : new int[] { 0, 128, 255 })
				assertTrue(count(a, v) > a.width * a.height * a.depth / 50, "phase " + v + " is present");
			GeneratedVolume p = whole.generate(5, 3, xy), q = slabs.generate(5, 3, xy);
			assertEquals(5 * 8, p.width);
			assertSameLabels(p, q);
		}
	}

	static long count(GeneratedVolume v, int value) {
		long n = 0;
		for (byte[] plane : v.planes)
			for (byte b : plane)
				if ((b & 0xff) == value) n++;
		return n;
	}

	static void assertSameLabels(GeneratedVolume a, GeneratedVolume b) {
		assertEquals(a.depth, b.depth);
		long differ = 0, total = 0;
		for (int z = 0; z < a.depth; z++)
			for (int i = 0; i < a.planes[z].length; i++, total++)
				if (a.planes[z][i] != b.planes[z][i]) differ++;
		// float32 sums in another order may flip a near-tie
		assertTrue(differ <= total / 10000, differ + " of " + total + " voxels differ");
	}
}

package sc.fiji.slicegan.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.TestNets;

/**
 * Our models in the published SliceGAN's files: export then import gives the same volumes; a published generator
 * imported and exported again has the keys, shapes and values it had; what the published code cannot build is
 * refused with a message; and PyTorch, loading the exported files with the published layer structure
 * (scripts/pytorch/check_export.py), makes our volume from our noise (skipped, saying so, without PyTorch).
 */
class PyTorchExportTest {

	static Backend be;

	@BeforeAll
	static void open() {
		be = new Nd4jBackend(Precision.FLOAT);
	}

	@AfterAll
	static void close() {
		be.close();
	}

	/** Models of each exportable kind: Table 1's pattern (n-phase, grayscale, colour), the small presets, rc. */
	static ModelState model(String which) {
		switch (which) {
			case "tiny-3phase":
				return PyTorchFiles.model(be, TestNets.tiny(3, Head.SOFTMAX), ImageKind.N_PHASE, new int[] {
					0, 128, 255 }, 1);
			case "tiny-grayscale":
				return PyTorchFiles.model(be, TestNets.tiny(1, Head.TANH), ImageKind.GRAYSCALE, null, 2);
			case "tiny-colour":
				return PyTorchFiles.model(be, TestNets.tiny(3, Head.TANH), ImageKind.COLOUR, null, 3);
			case "small-2phase":
				return PyTorchFiles.model(be, NetSpec.small(2, Head.SOFTMAX), ImageKind.N_PHASE,
					new int[] { 0, 255 }, 4);
			case "small-rc-2phase":
				return PyTorchFiles.model(be, NetSpec.smallRc(2, Head.SOFTMAX), ImageKind.N_PHASE,
					new int[] { 0, 255 }, 6);
			case "rc-3phase":
				return PyTorchFiles.model(be, TestNets.tinyRc(3, Head.SOFTMAX), ImageKind.N_PHASE, new int[] {
					10, 20, 30 }, 5);
			default:
				throw new IllegalArgumentException(which);
		}
	}

	static ModelState exportAndImport(ModelState m, Path dir) throws IOException {
		PublishedGenerator p = GeneratorExport.of(m);
		Path name = dir.resolve("exported");
		p.write(name);
		return GeneratorImport.read(PublishedGenerator.generatorFile(name), PublishedGenerator.paramsFile(name), m.kind,
			m.phaseValues);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "tiny-3phase", "tiny-grayscale", "tiny-colour", "small-2phase", "small-rc-2phase",
		"rc-3phase" })
	void exportThenImportGivesIdenticalVolumes(String which, @TempDir Path dir) throws IOException {
		ModelState m = model(which), back = exportAndImport(m, dir);
		assertEquals(m.spec.toString(), back.spec.toString());
		assertEquals(m.kind, back.kind);
		assertArrayEquals(m.phaseValues, back.phaseValues);
		for (Map.Entry<String, float[]> e : m.tensors.entrySet()) {
			assertArrayEquals(e.getValue(), back.tensors.get(e.getKey()), e.getKey());
			assertArrayEquals(m.shapes.get(e.getKey()), back.shapes.get(e.getKey()), e.getKey());
		}
		assertEquals(m.tensors.keySet(), back.tensors.keySet());
		try (VolumeGenerator a = new VolumeGenerator(be, m); VolumeGenerator b = new VolumeGenerator(be, back)) {
			GeneratedVolume u = a.generate(5, 11), v = b.generate(5, 11);
			for (int z = 0; z < u.planes.length; z++)
				assertArrayEquals(u.planes[z], v.planes[z], "plane " + z);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "transposed3", "rc3", "gray1" })
	void aPublishedGeneratorGoesBackAsItCame(String name, @TempDir Path dir) throws IOException {
		Path gen = PyTorchFiles.file(name + "_Gen.pt");
		Map<String, TorchTensor> original = TorchFileReader.read(gen);
		ModelState m = GeneratorImport.read(gen, PyTorchFiles.file(name + "_params.data"), null, null);
		PublishedGenerator p = GeneratorExport.of(m);
		assertEquals(new ArrayList<>(original.keySet()), new ArrayList<>(p.stateDict.keySet()), "keys in order");
		for (Map.Entry<String, TorchTensor> e : original.entrySet()) {
			TorchTensor t = p.stateDict.get(e.getKey());
			assertArrayEquals(e.getValue().shape, t.shape, e.getKey());
			assertEquals(e.getValue().type, t.type, e.getKey());
			// the unused last layer (and every num_batches_tracked) is not kept
			if (m.tensors.values().stream().anyMatch(v -> v == e.getValue().values) || !unused(name, e.getKey()))
				assertArrayEquals(e.getValue().values, t.values, e.getKey());
		}
		SliceGanParams in = SliceGanParams.read(PyTorchFiles.file(name + "_params.data"));
		// the lists as zip() reads them: as many entries as layers
		assertArrayEquals(Arrays.copyOf(in.dk, in.criticLayers()), p.params.dk);
		assertArrayEquals(Arrays.copyOf(in.dp, in.criticLayers()), p.params.dp);
		assertArrayEquals(in.df, p.params.df);
		assertArrayEquals(in.gf, p.params.gf);
		assertArrayEquals(in.gk, p.params.gk);
		assertArrayEquals(in.gs, p.params.gs);
		assertArrayEquals(Arrays.copyOf(in.gp, in.generatorLayers() - (name.equals("rc3") ? 1 : 0)), Arrays.copyOf(
			p.params.gp, in.generatorLayers() - (name.equals("rc3") ? 1 : 0)));
		// and the written files read back as they were
		p.write(dir.resolve(name));
		Map<String, TorchTensor> again = TorchFileReader.read(dir.resolve(name + "_Gen.pt"));
		for (Map.Entry<String, TorchTensor> e : p.stateDict.entrySet())
			assertArrayEquals(e.getValue().values, again.get(e.getKey()).values, e.getKey());
		assertEquals(p.params.toString(), SliceGanParams.read(dir.resolve(name + "_params.data")).toString());
	}

	/** The tensors the published forward pass never reads, and the batch norms' step counters. */
	private static boolean unused(String name, String key) {
		String last = name.equals("gray1") ? "1" : "2";
		return key.endsWith("num_batches_tracked") || key.startsWith("bns." + last + ".") || name.equals("rc3") && key
			.startsWith("convs." + last + ".");
	}

	@Test
	void whatThePublishedCodeCannotBuildIsRefused() {
		ModelState rcGrey = PyTorchFiles.model(be, TestNets.tinyRc(1, Head.TANH), ImageKind.GRAYSCALE, null, 6);
		BadInputException e = assertThrows(BadInputException.class, () -> GeneratorExport.of(rcGrey));
		assertTrue(e.getMessage().contains("always ends with a softmax"), e.getMessage());
		NetSpec k5 = new NetSpec(2, Head.SOFTMAX, 4, 4, GeneratorKind.RESIZE_CONV, Arrays.asList(new LayerSpec(8, 4, 2,
			2),
			new LayerSpec(6, 4, 2, 2), new LayerSpec(2, 5, 1, 0)), TestNets.tiny(2, Head.SOFTMAX).critic);
		ModelState rc5 = PyTorchFiles.model(be, k5, ImageKind.N_PHASE, new int[] { 0, 1 }, 7);
		e = assertThrows(BadInputException.class, () -> GeneratorExport.of(rc5));
		assertTrue(e.getMessage().contains("kernel of 5"), e.getMessage());
	}

	/**
	 * PyTorch (Debian's python3-torch or $SLICEGAN_PYTHON) loads the exported files with the published layer
	 * structure, strictly, and makes our volume from our noise.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "tiny-3phase", "tiny-grayscale", "small-2phase", "small-rc-2phase", "rc-3phase" })
	void pytorchMakesOurVolumeFromTheExportedFiles(String which, @TempDir Path dir) throws IOException {
		String python = PythonTorch.find();
		Assumptions.assumeTrue(python != null, "no Python with PyTorch and numpy (apt-get install python3-torch, or " +
			"set SLICEGAN_PYTHON): the check that PyTorch loads the exported files is skipped");
		ModelState m = model(which);
		Path name = dir.resolve(which);
		GeneratorExport.of(m).write(name);
		int lf = 5;
		int[] shape = { 1, m.spec.latentChannels, lf, lf, lf };
		float[] noise = new float[m.spec.latentChannels * lf * lf * lf];
		Random r = new Random(21);
		for (int i = 0; i < noise.length; i++)
			noise[i] = (float) r.nextGaussian();
		PyTorchFiles.writeFloats(dir.resolve("noise.f32"), noise);
		PyTorchFiles.writeFloats(dir.resolve("ours.f32"), PyTorchFiles.evaluate(be, m, shape, noise));
		List<String> cmd = new ArrayList<>(Arrays.asList(python, Paths.get("scripts/pytorch/check_export.py")
			.toAbsolutePath().toString(), name.toString(), "--noise", dir.resolve("noise.f32").toString(), "--volume",
			dir
				.resolve("ours.f32").toString(), "--type", GeneratorExport.imageType(m.kind)));
		String published = System.getenv("SLICEGAN_PUBLISHED");
		if (published != null && Files.isDirectory(Paths.get(published))) cmd.addAll(Arrays.asList("--published",
			published));
		PythonTorch.Result res = PythonTorch.run(cmd.toArray(new String[0]));
		System.out.println(which + ": " + res.output.trim());
		assertEquals(0, res.exitCode, res.output);
		assertTrue(res.output.contains("\"ok\": true"), res.output);
	}
}

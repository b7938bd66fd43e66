package sc.fiji.slicegan.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.TestImages;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.TestNets;
import sc.fiji.slicegan.train.Trainer;
import sc.fiji.slicegan.train.TrainingListener;

/** Save, load, generate the same volume; resume continues the iteration count and optimiser state. */
class ModelFileTest {

	static Backend be;
	static final NetSpec SPEC = TestNets.tiny(2, Head.SOFTMAX);
	static final TrainingData DATA = TrainingData.isotropic(TestImages.discs(48, 0.3, 4, 1), null, 16);

	@TempDir
	Path dir;

	@BeforeAll
	static void open() {
		be = new Nd4jBackend(Precision.FLOAT);
	}

	@AfterAll
	static void close() {
		be.close();
	}

	static TrainingConfig config(int iterations) {
		TrainingConfig c = new TrainingConfig();
		c.iterations = iterations;
		c.criticBatch = 2;
		c.generatorBatch = 2;
		c.criticSteps = 2;
		c.realPerAxis = 8;
		c.checkpointEvery = 0;
		c.learningRate = 1e-3;
		return c;
	}

	@Test
	void sameSeedSameVolumeAfterSaveAndLoad() throws Exception {
		Path file = dir.resolve("m.zip");
		ModelState trained;
		try (Trainer t = new Trainer(be, DATA, SPEC, config(2))) {
			trained = t.train(TrainingListener.NONE).model;
			ModelFile.save(trained, file);
		}
		assertTrue(Files.isRegularFile(file));
		ModelState loaded = ModelFile.load(file);
		assertEquals(2, loaded.iteration);
		assertArrayEquals(new int[] { 0, 255 }, loaded.phaseValues);
		assertEquals(trained.tensors.keySet(), loaded.tensors.keySet());
		for (String k : trained.tensors.keySet())
			assertArrayEquals(trained.tensors.get(k), loaded.tensors.get(k), k);
		GeneratedVolume a, b, c;
		try (VolumeGenerator g = new VolumeGenerator(be, trained)) {
			a = g.generate(5, 99);
			c = g.generate(5, 100);
		}
		try (VolumeGenerator g = new VolumeGenerator(be, loaded)) {
			b = g.generate(5, 99);
		}
		assertEquals(SPEC.volumeEdge(5), a.depth);
		assertTrue(Arrays.deepEquals(a.planes, b.planes), "same seed, same model: same volume");
		assertTrue(!Arrays.deepEquals(a.planes, c.planes), "another seed: another volume");
		// every voxel holds one of the phase values
		for (byte[] plane : a.planes)
			for (byte v : plane)
				assertTrue(v == 0 || v == (byte) 255);
	}

	@Test
	void resumeContinuesAsAnUninterruptedRun() throws Exception {
		ModelState straight;
		try (Trainer t = new Trainer(be, DATA, SPEC, config(4))) {
			straight = t.train(TrainingListener.NONE).model;
		}
		Path file = dir.resolve("half.zip");
		try (Trainer t = new Trainer(be, DATA, SPEC, config(2))) {
			ModelFile.save(t.train(TrainingListener.NONE).model, file);
		}
		ModelState half = ModelFile.load(file);
		assertEquals(2L, half.optimizerSteps.get("G"));
		// the default (published) loop steps the critic after each of the three axes
		assertEquals(3L * 2 * 2, half.optimizerSteps.get("D"));
		ModelState resumed;
		try (Trainer t = Trainer.resume(be, DATA, half, 2)) {
			assertEquals(2, t.iteration());
			resumed = t.train(TrainingListener.NONE).model;
		}
		assertEquals(4, resumed.iteration);
		assertEquals(4L, resumed.optimizerSteps.get("G"));
		assertEquals(3L * 4 * 2, resumed.optimizerSteps.get("D"));
		for (String k : straight.tensors.keySet()) {
			float[] x = straight.tensors.get(k), y = resumed.tensors.get(k);
			double d2 = 0, n2 = 0;
			for (int i = 0; i < x.length; i++) {
				d2 += (x[i] - y[i]) * (x[i] - y[i]);
				n2 += x[i] * x[i];
			}
			// float32 with multi-threaded reductions: equal up to rounding
			assertTrue(Math.sqrt(d2 / Math.max(n2, 1e-30)) < 1e-4, k + " differs after resume");
		}
	}

	@Test
	void damagedFilesAreRefusedWithAMessage() throws Exception {
		Path file = dir.resolve("m.zip");
		try (Trainer t = new Trainer(be, DATA, SPEC, config(1))) {
			ModelFile.save(t.train(TrainingListener.NONE).model, file);
		}
		byte[] whole = Files.readAllBytes(file);
		Path truncated = dir.resolve("truncated.zip");
		Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
		Path garbage = dir.resolve("garbage.zip");
		Files.write(garbage, "this is not a model".getBytes());
		for (Path p : new Path[] { truncated, garbage }) {
			BadInputException e = assertThrows(BadInputException.class, () -> ModelFile.load(p));
			assertTrue(e.getMessage().contains("not a SliceGAN model file or is damaged"), e.getMessage());
		}
		BadInputException missing = assertThrows(BadInputException.class, () -> ModelFile.load(dir.resolve(
			"none.zip")));
		assertTrue(missing.getMessage().contains("does not exist"));
	}

	@Test
	void resizeConvolutionModelsKeepTheirKindAndOlderFilesReadAsTransposed() throws Exception {
		NetSpec rc = TestNets.tinyRc(2, Head.SOFTMAX);
		TrainingConfig c = config(1);
		c.init = "pytorch";
		Path file = dir.resolve("rc.zip");
		ModelState trained;
		try (Trainer t = new Trainer(be, DATA, rc, c)) {
			trained = t.train(TrainingListener.NONE).model;
			ModelFile.save(trained, file);
		}
		ModelState loaded = ModelFile.load(file);
		assertEquals(GeneratorKind.RESIZE_CONV, loaded.spec.kind);
		assertEquals("pytorch", loaded.config.init);
		assertArrayEquals(new int[] { 2, 6, 3, 3, 3 }, loaded.shapes.get("G.rc.w"));
		try (VolumeGenerator g = new VolumeGenerator(be, trained); VolumeGenerator h = new VolumeGenerator(be,
			loaded))
		{
			assertTrue(Arrays.deepEquals(g.generate(5, 7).planes, h.generate(5, 7).planes));
		}
		// a file written before the kind and the initialisation were recorded
		Path old = dir.resolve("old.zip");
		try (Trainer t = new Trainer(be, DATA, SPEC, config(1))) {
			ModelFile.save(t.train(TrainingListener.NONE).model, old);
		}
		rewriteJson(old, json -> {
			json.getAsJsonObject("network").remove("generatorKind");
			json.getAsJsonObject("training").remove("init");
		});
		ModelState before = ModelFile.load(old);
		assertEquals(GeneratorKind.TRANSPOSED, before.spec.kind);
		assertEquals("normal", before.config.init);
	}

	/** Rewrites model.json inside a model file. */
	private static void rewriteJson(Path file, java.util.function.Consumer<com.google.gson.JsonObject> edit)
		throws Exception
	{
		java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
		try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
			for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null;)
				entries.put(e.getName(), in.readAllBytes());
		}
		com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(new String(entries.get("model.json"),
			java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
		assertTrue(json.getAsJsonObject("network").has("generatorKind") && json.getAsJsonObject("training").has(
			"init"));
		edit.accept(json);
		entries.put("model.json", json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
			for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
				out.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
				out.write(e.getValue());
				out.closeEntry();
			}
		}
	}

	@Test
	void savingReplacesTheFileWholeAndLeavesNoTemporaryFiles() throws Exception {
		Path file = dir.resolve("m.zip");
		try (Trainer t = new Trainer(be, DATA, SPEC, config(2))) {
			ModelFile.save(t.train(TrainingListener.NONE).model, file);
		}
		ModelFile.save(ModelFile.load(file), file);
		try (java.util.stream.Stream<Path> files = Files.list(dir)) {
			assertEquals(1, files.count(), "only the model remains");
		}
	}
}

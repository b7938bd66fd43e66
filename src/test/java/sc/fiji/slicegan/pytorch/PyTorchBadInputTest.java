package sc.fiji.slicegan.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.model.ModelState;

/**
 * Files that are not a published SliceGAN generator, or not this one's params, each refused with one message that
 * says what the file is: the legacy format, a pickled module, another network's state dict, truncated files, a
 * params file of another generator, the two files swapped, odd shapes, and data types or phase values that do not
 * fit the generator.
 */
class PyTorchBadInputTest {

	@TempDir
	Path dir;

	static Path file(String name) {
		return PyTorchFiles.file(name);
	}

	static void refused(String expected, Path gen, Path params) {
		refused(expected, gen, params, null, null);
	}

	static void refused(String expected, Path gen, Path params, ImageKind kind, int[] phases) {
		BadInputException e = assertThrows(BadInputException.class, () -> GeneratorImport.read(gen, params, kind,
			phases));
		assertTrue(e.getMessage().contains(expected), "'" + expected + "' in: " + e.getMessage());
		assertEquals(1, e.getMessage().split("\n").length, e.getMessage());
	}

	static final Path PARAMS = file("transposed3_params.data"), GEN = file("transposed3_Gen.pt");

	@Test
	void filesThatAreNotAStateDict() throws IOException {
		refused("legacy format", file("legacy_Gen.pt"), file("gray1_params.data"));
		refused("holds a pickled Python object (published_layers.TransposedGenerator)", file("module_Gen.pt"),
			file("gray1_params.data"));
		refused("is not a SliceGAN generator: it has keys that SliceGAN's generators do not have: 0.weight, 0.bias",
			file("other_Gen.pt"), PARAMS);
		refused("is a plain Python pickle", PARAMS, PARAMS);
		refused("does not exist", dir.resolve("missing_Gen.pt"), PARAMS);
		Files.write(dir.resolve("empty_Gen.pt"), new byte[0]);
		refused("is empty", dir.resolve("empty_Gen.pt"), PARAMS);
		Files.write(dir.resolve("notes_Gen.pt"), "a text".getBytes());
		refused("is not a PyTorch file", dir.resolve("notes_Gen.pt"), PARAMS);
		// a zip, but not one torch.save wrote (our own model file)
		Path zip = dir.resolve("model_Gen.pt");
		sc.fiji.slicegan.io.ModelFile.save(GeneratorImport.read(GEN, PARAMS, null, null), zip);
		refused("not one that torch.save wrote", zip, PARAMS);
	}

	@Test
	void truncatedFiles() throws IOException {
		byte[] gen = Files.readAllBytes(GEN), params = Files.readAllBytes(PARAMS);
		for (int cut : new int[] { gen.length / 2, gen.length - 10, 100 }) {
			Files.write(dir.resolve("cut_Gen.pt"), Arrays.copyOf(gen, cut));
			refused("is a damaged or truncated PyTorch file", dir.resolve("cut_Gen.pt"), PARAMS);
		}
		Files.write(dir.resolve("cut_params.data"), Arrays.copyOf(params, params.length / 2));
		refused("is not a SliceGAN params file (it is damaged or truncated", GEN, dir.resolve("cut_params.data"));
	}

	@Test
	void paramsThatDoNotMatchTheWeights() throws IOException {
		refused("does not match the weights", GEN, file("gray1_params.data"));
		refused("describes a generator of 2 transposed convolutions (gk, gs, gp), the weights have 3", GEN, file(
			"gray1_params.data"));
		SliceGanParams p = SliceGanParams.read(PARAMS);
		int[] gf = p.gf.clone();
		gf[2] = 5;
		refused("generator layer 1 has 8 → 6 channels and kernel 4 in the weights, but 8 → 5", GEN, params(
			new SliceGanParams(
				p.dk, p.ds, p.df, p.dp, p.gk, p.gs, gf, p.gp)));
		int[] gk = p.gk.clone();
		gk[0] = 6;
		refused("kernel 4 in the weights, but 4 → 8 channels and kernel 6", GEN, params(new SliceGanParams(p.dk, p.ds,
			p.df, p.dp, gk, p.gs, p.gf, p.gp)));
		refused("the params file's critic takes 2 (df[0])", GEN, params(new SliceGanParams(p.dk, p.ds, new int[] { 2, 6,
			8, 1 }, p.dp, p.gk, p.gs, p.gf, p.gp)));
		// a generator that breaks the paper's rules (p ≥ k − s) cannot be generated from in pieces
		refused("cannot be used here: Generator layer 1 8{4,2,1}: breaks the rule p ≥ k − s", GEN, params(
			new SliceGanParams(p.dk, p.ds, p.df, p.dp, p.gk, p.gs, p.gf, new int[] { 1, 2, 3 })));
	}

	@Test
	void paramsFilesThatAreNotParams() throws IOException {
		refused("is a zip file (a PyTorch .pt file?), not a SliceGAN params file", GEN, GEN);
		Files.write(dir.resolve("text_params.data"), "gk=4".getBytes());
		refused("not a SliceGAN params file (it is not a Python pickle)", GEN, dir.resolve("text_params.data"));
		// a pickle of something else: a list of three lists
		Path other = dir.resolve("other_params.data");
		try (OutputStream out = Files.newOutputStream(other)) {
			new net.razorvine.pickle.Pickler(false).dump(Arrays.asList(Arrays.asList(1, 2), Arrays.asList(3), Arrays
				.asList(4)), out);
		}
		refused("it holds a list of 3 items", GEN, other);
		// a pickle that names a class is refused before anything is built from it
		Path module = dir.resolve("module_params.data");
		Files.copy(file("module_Gen.pt"), module);
		refused("is a zip file", GEN, module);
	}

	@Test
	void stateDictsWithOddShapesOrKeys() throws IOException {
		refused("convs.0.weight has shape [4, 8, 4, 4], not 5 dimensions", edited(sd -> sd.put("convs.0.weight",
			TorchTensor.of(new int[] { 4, 8, 4, 4 }, new float[4 * 8 * 16]))), PARAMS);
		refused("convs.1.weight has a kernel of 4×4×2 voxels", edited(sd -> sd.put("convs.1.weight", TorchTensor.of(
			new int[] { 8, 6, 4, 4, 2 }, new float[8 * 6 * 32]))), PARAMS);
		refused("convs.1.weight takes 7 channels, but layer 0 makes 8", edited(sd -> sd.put("convs.1.weight",
			TorchTensor
				.of(new int[] { 7, 6, 4, 4, 4 }, new float[7 * 6 * 64]))), PARAMS);
		refused("it lacks bns.0.running_var", edited(sd -> sd.remove("bns.0.running_var")), PARAMS);
		refused("bns.1.weight has 5 values for the 6 channels", edited(sd -> sd.put("bns.1.weight", TorchTensor.of(
			new int[] { 5 }, new float[5]))), PARAMS);
		refused("numbered [0, 2], with gaps", edited(sd -> sd.remove("convs.1.weight")), PARAMS);
		refused("it has keys that SliceGAN's generators do not have: fc.weight", edited(sd -> sd.put("fc.weight",
			TorchTensor.of(new int[] { 2 }, new float[2]))), PARAMS);
		refused("holds no tensors", edited(Map::clear), PARAMS);
		refused("only one of rcconv.weight and rcconv.bias", edited(sd -> sd.put("rcconv.weight", TorchTensor.of(
			new int[] { 3, 6, 3, 3, 3 }, new float[3 * 6 * 27]))), PARAMS);
		refused("non-finite values (NaN or infinity) in convs.2.weight", edited(sd -> sd.get(
			"convs.2.weight").values[5] =
				Float.NaN), PARAMS);
		// the published code with several GPUs (nn.DataParallel) saves module.KEY: that imports
		ModelState m = GeneratorImport.read(edited(sd -> {
			Map<String, TorchTensor> copy = new LinkedHashMap<>(sd);
			sd.clear();
			copy.forEach((k, v) -> sd.put("module." + k, v));
		}), PARAMS, null, null);
		assertEquals(3, m.spec.channels);
	}

	@Test
	void typesAndPhasesThatDoNotFit() {
		refused("always ends with a softmax over phases, so it is n-phase, not grayscale", file("rc3_Gen.pt"), file(
			"rc3_params.data"), ImageKind.GRAYSCALE, null);
		refused("A grayscale generator makes one channel; this one makes 3. Import it as colour or n-phase.", GEN,
			PARAMS,
			ImageKind.GRAYSCALE, null);
		refused("A colour generator makes three channels (RGB); this one makes 1", file("gray1_Gen.pt"), file(
			"gray1_params.data"), ImageKind.COLOUR, null);
		refused("at least two; this one makes 1. Import it as grayscale.", file("gray1_Gen.pt"), file(
			"gray1_params.data"), ImageKind.N_PHASE, null);
		refused("The generator makes 3 phases, but 2 phase values were given", GEN, PARAMS, null, new int[] { 0, 255 });
		refused("Give the phase values in increasing order", GEN, PARAMS, null, new int[] { 255, 128, 0 });
		refused("not a grey value from 0 to 65535", GEN, PARAMS, null, new int[] { -1, 0, 1 });
		refused("Phase values are for n-phase generators", file("gray1_Gen.pt"), file("gray1_params.data"), null,
			new int[] { 0 });
	}

	/** transposed3's state dict, edited, written as a .pt. */
	private Path edited(Consumer<Map<String, TorchTensor>> edit) throws IOException {
		Map<String, TorchTensor> sd = new LinkedHashMap<>(TorchFileReader.read(GEN));
		sd.replaceAll((k, v) -> new TorchTensor(v.type, v.shape, v.values.clone()));
		edit.accept(sd);
		Path p = Files.createTempFile(dir, "edited", "_Gen.pt");
		try (OutputStream out = Files.newOutputStream(p)) {
			TorchFileWriter.write(sd, out);
		}
		return p;
	}

	private Path params(SliceGanParams p) throws IOException {
		Path f = Files.createTempFile(dir, "edited", "_params.data");
		try (OutputStream out = Files.newOutputStream(f)) {
			p.write(out);
		}
		return f;
	}
}

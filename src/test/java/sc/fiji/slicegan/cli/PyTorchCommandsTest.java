package sc.fiji.slicegan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sc.fiji.slicegan.cli.MainTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;

/**
 * import-pytorch and export-pytorch on the command line: a published generator in, volumes out; a model of ours out
 * to PyTorch's files and back in, generating the same voxels; an imported model is not resumed.
 */
class PyTorchCommandsTest {

	static final Path FILES = Paths.get("src/test/resources/pytorch");

	@TempDir
	Path dir;

	@Test
	void aPublishedGeneratorGeneratesAndCannotBeResumed() {
		Path model = dir.resolve("rc3.zip"), volume = dir.resolve("v.tif");
		String[] imp = run(0, "import-pytorch", "--gen", FILES.resolve("rc3_Gen.pt").toString(), "--params", FILES
			.resolve("rc3_params.data").toString(), "--out", model.toString(), "--phases", "0,127,255");
		assertTrue(imp[0].contains("Imported a resize-convolution generator (slicegan_rc_nets), n-phase with values " +
			"0, 127, 255"), imp[0]);
		ModelState m = ModelFile.load(model);
		assertTrue(m.importedFrom.contains("rc3_Gen.pt"), m.importedFrom);
		run(0, "generate", "--model", model.toString(), "--out", volume.toString(), "--edge", "40", "--periodic", "xy");
		ImagePlus v = IJ.openImage(volume.toString());
		assertEquals(40, v.getWidth());
		String[] resume = run(2, "train", "--image", "test-images/blobs-2phase.tif", "--model", dir.resolve("t.zip")
			.toString(), "--resume", model.toString(), "--iterations", "1");
		assertTrue(resume[1].contains("imported from the PyTorch SliceGAN files rc3_Gen.pt and rc3_params.data: it " +
			"has no critic, optimiser state or training settings, so training cannot resume it"), resume[1]);
		assertTrue(run(0, "help")[0].contains("import-pytorch --gen NAME_Gen.pt --params NAME_params.data"));
	}

	@Test
	void exportThenImportGeneratesTheSameVoxels() throws Exception {
		Path model = dir.resolve("m.zip");
		run(0, "train", "--image", "test-images/blobs-2phase.tif", "--model", model.toString(), "--network", "small",
			"--iterations", "1", "--critic-batch", "1", "--generator-batch", "1", "--critic-steps", "1", "--real-crops",
			"8");
		String[] exp = run(0, "export-pytorch", "--model", model.toString(), "--out", dir.resolve("py/blobs")
			.toString());
		assertTrue(Files.size(dir.resolve("py/blobs_Gen.pt")) > 0 && Files.size(dir.resolve("py/blobs_params.data")) >
			0);
		assertTrue(exp[0].contains("networks.slicegan_nets('" + dir.resolve("py/blobs") + "', 0, 'nphase'"), exp[0]);
		// the name may also be given as one of its files: the same two files, which exist now (no --overwrite)
		run(2, "export-pytorch", "--model", model.toString(), "--out", dir.resolve("py/blobs_Gen.pt").toString());
		Path back = dir.resolve("back.zip");
		run(0, "import-pytorch", "--gen", dir.resolve("py/blobs_Gen.pt").toString(), "--params", dir.resolve(
			"py/blobs_params.data").toString(), "--out", back.toString(), "--type", "n-phase", "--phases", "0,255");
		Path a = dir.resolve("a.tif"), b = dir.resolve("b.tif");
		run(0, "generate", "--model", model.toString(), "--out", a.toString(), "--edge", "48", "--seed", "5");
		run(0, "generate", "--model", back.toString(), "--out", b.toString(), "--edge", "48", "--seed", "5");
		ImageStack u = IJ.openImage(a.toString()).getStack(), w = IJ.openImage(b.toString()).getStack();
		assertEquals(u.getSize(), w.getSize());
		for (int z = 1; z <= u.getSize(); z++)
			assertArrayEquals((byte[]) u.getPixels(z), (byte[]) w.getPixels(z), "plane " + z);
	}
}

package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;

/**
 * Plugins &gt; SliceGAN &gt; Import / Export PyTorch Generator… from a macro (headless plain ImageJ, as the macro
 * recorder records them) and as SciJava commands.
 */
class PyTorchPluginsTest {

	static final Path FILES = Paths.get("src/test/resources/pytorch").toAbsolutePath();

	@TempDir
	Path dir;
	static Context context;

	@BeforeAll
	static void headless() throws Exception {
		System.setProperty("java.awt.headless", "true");
		HeadlessMacro.registerCommands();
		context = new Context();
	}

	@AfterAll
	static void close() {
		context.dispose();
	}

	@Test
	void macroImportsGeneratesAndExports() {
		Path model = dir.resolve("nmc model.zip");
		String out = MacroPluginsTest.macro("run('Import PyTorch Generator...', 'generator_file=[" + FILES.resolve(
			"transposed3_Gen.pt") + "] params_file=[" + FILES.resolve("transposed3_params.data") + "] model_file=[" +
			model + "] data_type=n-phase phases=0,127,255');\n" +
			"run('Generate SliceGAN Volumes...', 'model_file=[" + model + "] edge=30 latent_size=0 seed=2 count=1 " +
			"backend=cpu');\n" +
			"print('GENERATED ' + getTitle() + ' ' + getWidth() + 'x' + nSlices);\n" +
			"getStatistics(area, mean, min, max); print('RANGE ' + min + ' ' + max);\n" +
			"run('Export PyTorch Generator...', 'model_file=[" + model + "] output_name=[" + dir.resolve("again") +
			"]');");
		assertTrue(out.contains("Imported a transposed-convolution generator (slicegan_nets), n-phase with values 0, " +
			"127, 255"), out);
		assertTrue(out.contains("GENERATED nmc model-seed2 30x30"), out);
		assertTrue(out.contains("networks.slicegan_nets("), out);
		assertTrue(Files.exists(dir.resolve("again_Gen.pt")) && Files.exists(dir.resolve("again_params.data")));
		assertArrayEquals(new int[] { 0, 127, 255 }, ModelFile.load(model).phaseValues);
	}

	@Test
	void sciJavaCommandsImportAndExport() throws Exception {
		Path model = dir.resolve("rc3.zip");
		Map<String, Object> in = new HashMap<>();
		in.put("generator_file", FILES.resolve("rc3_Gen.pt").toFile());
		in.put("params_file", FILES.resolve("rc3_params.data").toFile());
		in.put("model_file", model.toFile());
		in.put("data_type", "auto");
		in.put("phases", "");
		in.put("overwrite", false);
		Module m = run(ImportPyTorchCommand.class, in);
		assertNull(((Cancelable) m).getCancelReason());
		ModelState s = ModelFile.load(model);
		assertArrayEquals(new int[] { 0, 1, 2 }, s.phaseValues);
		Map<String, Object> ex = new HashMap<>();
		ex.put("model_file", model.toFile());
		ex.put("output_name", dir.resolve("rc3").toFile());
		ex.put("overwrite", false);
		m = run(ExportPyTorchCommand.class, ex);
		assertNull(((Cancelable) m).getCancelReason());
		assertTrue(Files.size(dir.resolve("rc3_Gen.pt")) > 0 && Files.size(dir.resolve("rc3_params.data")) > 0);
	}

	static Module run(Class<? extends org.scijava.command.Command> c, Map<String, Object> inputs) throws Exception {
		return context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(c), true,
			inputs)
			.get();
	}
}

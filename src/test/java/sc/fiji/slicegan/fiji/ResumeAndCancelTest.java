package sc.fiji.slicegan.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

import ij.IJ;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;

/**
 * Resume from Fiji (SciJava command and macro) continues the iteration count and the optimisers as the command line
 * does; a comparison with diffusion solves stops within 2 s of a cancel, with a "cancelled" result.
 */
class ResumeAndCancelTest {

	@TempDir
	static Path dir;
	static Context context;

	@BeforeAll
	static void start() throws Exception {
		System.setProperty("java.awt.headless", "true");
		HeadlessMacro.registerCommands();
		context = new Context();
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	static Module run(Class<? extends org.scijava.command.Command> c, Map<String, Object> inputs) throws Exception {
		return context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(c), true,
			inputs).get();
	}

	static Map<String, Object> train(Path model, int iterations) {
		Map<String, Object> in = FijiCommandsTest.tiny(IJ.openImage("test-images/blobs-2phase.tif"), model);
		in.put("iterations", iterations);
		in.put("critic_steps", 2);
		in.put("checkpoint_every", 0);
		return in;
	}

	@Test
	void resumeFromFijiContinuesTheRun() throws Exception {
		Path straight = dir.resolve("straight.zip"), half = dir.resolve("half.zip"), resumed = dir.resolve(
			"resumed.zip");
		run(TrainCommand.class, train(straight, 4));
		run(TrainCommand.class, train(half, 2));
		Map<String, Object> more = train(resumed, 2);
		more.put("resume", half.toFile());
		Module m = run(TrainCommand.class, more);
		assertFalse(((Cancelable) m).isCanceled(), ((Cancelable) m).getCancelReason());
		ModelState a = ModelFile.load(straight), b = ModelFile.load(resumed);
		assertEquals(4, b.iteration);
		assertEquals(a.optimizerSteps, b.optimizerSteps);
		assertEquals(a.config.seed, b.config.seed);
		for (String k : a.tensors.keySet())
			assertTrue(relativeDifference(a.tensors.get(k), b.tensors.get(k)) < 1e-4, k + " differs after resume");

		// the same from a macro, with the IJ1 plugin
		Path byMacro = dir.resolve("macro.zip");
		String out = MacroPluginsTest.macro("open('test-images/blobs-2phase.tif');\n" +
			"run('Train SliceGAN...', 'image=blobs-2phase.tif network=small iterations=2 critic_batch=1 " +
			"generator_batch=1 critic_steps=2 real_crops=8 learning_rate=0.0001 seed=42 backend=cpu checkpoint_every=0 " +
			"model_file=[" + byMacro + "] volume_edge=32 resume=[" + half + "]');\n" + "close('*');");
		assertFalse(out.contains("error"), out);
		ModelState c = ModelFile.load(byMacro);
		assertEquals(4, c.iteration);
		for (String k : a.tensors.keySet())
			assertTrue(relativeDifference(a.tensors.get(k), c.tensors.get(k)) < 1e-4, k + " differs after resume");

		// a setting the model keeps cannot change on resume
		Map<String, Object> conflict = train(dir.resolve("conflict.zip"), 2);
		conflict.put("resume", half.toFile());
		conflict.put("network", "table1");
		String reason = ((Cancelable) run(TrainCommand.class, conflict)).getCancelReason();
		assertTrue(reason != null && reason.contains("resumed run continues with its own network"), String.valueOf(
			reason));
	}

	static double relativeDifference(float[] x, float[] y) {
		double d2 = 0, n2 = 0;
		for (int i = 0; i < x.length; i++) {
			d2 += (x[i] - y[i]) * (x[i] - y[i]);
			n2 += x[i] * x[i];
		}
		return Math.sqrt(d2 / Math.max(n2, 1e-30));
	}

	@Test
	void compareStopsSoonAfterACancel() throws Exception {
		Path model = dir.resolve("for-compare.zip");
		run(TrainCommand.class, train(model, 1));
		Map<String, Object> in = new HashMap<>();
		in.put("image", IJ.openImage("test-images/blobs-2phase.tif"));
		in.put("model_file", model.toFile());
		in.put("count", 2);
		in.put("edge", 96);
		in.put("output_folder", dir.resolve("cancelled-report").toFile());
		ModuleService modules = context.service(ModuleService.class);
		Module m = modules.createModule(context.service(CommandService.class).getCommand(CompareCommand.class));
		for (Map.Entry<String, Object> e : in.entrySet()) {
			m.setInput(e.getKey(), e.getValue());
			m.resolveInput(e.getKey());
		}
		Future<Module> running = modules.run(m, true);
		Thread.sleep(1000);
		assertFalse(running.isDone(), "the comparison ended before it could be cancelled");
		long asked = System.nanoTime();
		((Cancelable) m).cancel("stop");
		running.get(10, TimeUnit.SECONDS);
		double seconds = (System.nanoTime() - asked) / 1e9;
		assertTrue(seconds < 2, "stopped " + seconds + " s after the cancel");
		assertNull(m.getOutput("report"), "a cancelled comparison has no report");
		assertFalse(Files.exists(dir.resolve("cancelled-report").resolve("metrics.csv")), "nothing written");
	}

}

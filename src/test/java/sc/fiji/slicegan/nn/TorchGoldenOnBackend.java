package sc.fiji.slicegan.nn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import sc.fiji.slicegan.backend.Backend;

/** Runs the PyTorch golden comparison ({@link TorchGoldenTest}) on any backend, for the GPU check. */
public final class TorchGoldenOnBackend {

	private TorchGoldenOnBackend() {}

	/** @return one line per check: "ok name" or "FAIL name: why" */
	public static List<String> check(Backend backend) throws IOException {
		TorchGoldenTest.loadGolden();
		TorchGoldenTest.be = backend;
		TorchGoldenTest t = new TorchGoldenTest();
		List<String> lines = new ArrayList<>();
		run(lines, "generator forward, running statistics, evaluation mode",
			t::generatorForwardRunningStatisticsAndEvaluationMode);
		run(lines, "critic scores, gradient penalty, critic loss and gradients",
			t::criticScoresPenaltyLossAndGradients);
		run(lines, "generator loss and gradients", t::generatorLossAndGradients);
		TorchGoldenRcTest.loadGolden();
		TorchGoldenRcTest.be = backend;
		run(lines, "resize-convolution generator: output, running statistics, gradients, evaluation, labels",
			new TorchGoldenRcTest()::trainingStepGradientsAndEvaluation);
		return lines;
	}

	private static void run(List<String> lines, String name, Runnable check) {
		try {
			check.run();
			lines.add("ok   " + name);
		}
		catch (AssertionError | RuntimeException e) {
			lines.add("FAIL " + name + ": " + e.getMessage());
		}
	}
}

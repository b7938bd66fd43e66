package sc.fiji.slicegan.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.cuda.CudaBackend;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;

/**
 * The GPU backend against the CPU backend, op by op, in full float32 (TF32 off). Skipped, with the reason, on
 * machines without a usable CUDA GPU (CI); scripts/gpu-check.sh runs the same comparison and more on a GPU machine.
 */
class GpuBackendTest {

	@Test
	void everyOpMatchesTheCpuBackend() {
		Backend gpu;
		System.setProperty("slicegan.tf32", "false");
		try {
			gpu = new CudaBackend(Precision.FLOAT);
		}
		catch (RuntimeException | LinkageError e) {
			String why = String.valueOf(e.getMessage()).split("\n")[0];
			System.out.println("GpuBackendTest skipped: no usable CUDA GPU here (" + why + ")");
			Assumptions.abort("no usable CUDA GPU here: " + why);
			return;
		}
		finally {
			System.clearProperty("slicegan.tf32");
		}
		try (Backend g = gpu; Backend cpu = new Nd4jBackend(Precision.FLOAT)) {
			Map<String, float[]> expected = OpCases.run(cpu), actual = OpCases.run(g);
			for (Map.Entry<String, float[]> e : expected.entrySet()) {
				double err = GpuCheck.relativeError(actual.get(e.getKey()), e.getValue());
				assertTrue(err < GpuCheck.TOLERANCE, e.getKey() + ": relative error " + err);
			}
		}
	}
}

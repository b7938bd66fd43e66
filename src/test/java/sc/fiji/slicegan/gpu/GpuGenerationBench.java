package sc.fiji.slicegan.gpu;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.cuda.CudaBackend;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.Head;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.Trainer;

/**
 * Generation time of one volume with the Table 1 generator on the GPU, end to end (noise to byte planes in Java),
 * for scripts/gpu-check.sh, which samples the GPU memory of each run: {@code EDGE [MEMORY_BUDGET_BYTES]}.
 */
public final class GpuGenerationBench {

	public static void main(String[] args) throws Exception {
		int edge = Integer.parseInt(args[0]);
		SourceImage image;
		try (DataInputStream in = new DataInputStream(Files.newInputStream(Paths.get(args.length > 2 ? args[2]
			: ".gpu-bundle/golden/blobs-2phase.bin"))))
		{
			int w = in.readInt(), h = in.readInt();
			byte[] px = new byte[w * h];
			in.readFully(px);
			image = SourceImage.ofBytes("blobs-2phase", w, h, px);
		}
		NetSpec spec = NetSpec.table1(2, Head.SOFTMAX);
		try (CudaBackend be = new CudaBackend(Precision.FLOAT)) {
			ModelState m;
			try (Trainer t = new Trainer(be, TrainingData.isotropic(image, null, 64), spec, new TrainingConfig())) {
				m = t.snapshot();
			}
			try (VolumeGenerator g = new VolumeGenerator(be, m)) {
				if (args.length > 1) g.setMemoryBudget(Long.parseLong(args[1]));
				for (int run = 1; run <= 3; run++) {
					be.synchronize();
					long t0 = System.nanoTime();
					GeneratedVolume v = g.generateEdge(edge, run);
					System.out.printf(Locale.ROOT, "generation %d^3 (memory budget %s bytes), run %d: %.3f s%n",
						v.depth,
						args.length > 1 ? args[1] : "default", run, (System.nanoTime() - t0) / 1e9);
				}
			}
		}
	}
}

package sc.fiji.slicegan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.run.TrainOptions;

/**
 * The fidelity benchmark end to end on a small synthetic volume: two runs, curves, tables and the wins; a run trained
 * on the whole volume.
 */
class FidelityBenchmarkTest {

	@Test
	void twoShortRunsLeaveTablesCurvesAndWins(@TempDir Path dir) throws Exception {
		// 40³ of spheres on a grid (phase 170) in a matrix (phase 0), and a 2D file that is skipped
		int n = 40;
		byte[][] planes = new byte[n][n * n];
		for (int z = 0; z < n; z++)
			for (int y = 0; y < n; y++)
				for (int x = 0; x < n; x++) {
					int dx = x % 10 - 5, dy = y % 10 - 5, dz = z % 10 - 5;
					planes[z][x + y * n] = (byte) (dx * dx + dy * dy + dz * dz <= 12 ? 170 : 0);
				}
		Path data = Files.createDirectories(dir.resolve("data"));
		new TiffStack(n, n, planes).write(data.resolve("spheres.tif"), true);
		new TiffStack(n, n, new byte[][] { planes[0] }).write(data.resolve("flat.tif"));
		Path out = dir.resolve("out");
		String log = run(data.toString(), "--slice", "5", "--factor", "1", "--iterations", "2", "--eval-every", "1",
			"--log-every", "1",
			"--count", "2", "--edge", "16", "--init", "normal,pytorch", "--out", out.toString());
		assertTrue(log.contains("flat.tif is 2D: no 3D truth, skipped"), log);
		assertTrue(log.contains("### baseline"), log);
		assertTrue(log.contains("## Wins on spheres"), log);
		// the CPU mode trains the CPU preset's network with the default schedule
		String net = TrainOptions.QUICK_NETWORK + "-" + new TrainingConfig().schedule;
		for (String r : new String[] { net + "-normal-s42", net + "-pytorch-s42" }) {
			Path runDir = out.resolve("spheres").resolve(r);
			List<FidelityTables.Row> rows = FidelityTables.read(runDir.resolve("rows.csv"));
			// fractions and surfaces of 2 phases, D and tau of 2 phases along 3 axes, S2 of 2 phases along 3 axes
			assertEquals(2 + 2 + 6 + 6 + 6, rows.size());
			assertEquals(170, rows.get(1).phase);
			// a point after iteration 1, and the final one
			assertEquals(3, Files.readAllLines(runDir.resolve("curve.csv")).size());
			assertTrue(Files.exists(runDir.resolve("model.zip")));
			assertEquals(16, TiffStack.read(runDir.resolve("generated.tif")).planes.length);
		}
		assertEquals(n, TiffStack.read(out.resolve("spheres").resolve("real-volume.tif")).planes.length);
		String summary = run("--summarize", out.toString());
		assertTrue(summary.contains(net + "-pytorch-s42: mean |Δ/sd|"), summary);

		// trained on every slice of the volume instead of one: said in the run's table
		Path whole = dir.resolve("whole");
		String wholeLog = run(data.toString(), "--volumes", "spheres.tif", "--whole-volume", "--factor", "1",
			"--iterations", "1", "--count", "2", "--edge", "16", "--no-baseline", "--out", whole.toString());
		assertTrue(wholeLog.contains("trained on the whole volume's slices along each axis"), wholeLog);
		List<String> table = Files.readAllLines(whole.resolve("spheres").resolve(net + "-normal-s42").resolve(
			"table.txt"));
		assertTrue(table.get(0).contains("trained on the whole volume;"), table.get(0));
		// two real crops are too few for a line of D on the phase fraction
		assertTrue(table.get(table.size() - 1).startsWith("D_eff/D0 Δ/sd against the real crops' line") && table.get(
			table.size() - 1).contains("[170] x n/a, y n/a, z n/a"), table.toString());
	}

	private static String run(String... args) throws Exception {
		PrintStream old = System.out;
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
		try {
			FidelityBenchmark.main(args);
		}
		finally {
			System.setOut(old);
		}
		return buf.toString(StandardCharsets.UTF_8);
	}
}

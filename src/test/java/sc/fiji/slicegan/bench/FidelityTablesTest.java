package sc.fiji.slicegan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.bench.FidelityTables.Row;

class FidelityTablesTest {

	static Row scalar(String metric, int phase, String axis, double real, double sd, double generated) {
		return new Row(metric, phase, axis, real, sd, generated, 0, (generated - real) / real, (generated - real) / sd,
			Double.NaN);
	}

	static Row s2(int phase, String axis, double rmse) {
		return new Row(FidelityTables.S2, phase, axis, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
			Double.NaN, rmse);
	}

	static List<Row> run(double fraction1, double area, double d0x, double rmse) {
		return Arrays.asList(scalar("phase fraction", 0, "all", 0.6, 0.01, 1 - fraction1), scalar("phase fraction", 1,
			"all", 0.4, 0.01, fraction1), scalar("surface area S_V", 0, "all", 0.5, 0.01, area), scalar(
				"surface area S_V",
				1, "all", 0.5, 0.01, area), scalar("D_eff/D0", 0, "x", 0.3, 0.01, d0x), scalar("tortuosity tau", 1, "x",
					Double.NaN, Double.NaN, 2), s2(1, "x", rmse));
	}

	@Test
	void eachStatisticGoesToTheSmallestErrorTiesAreSharedAndTwoPhaseRepeatsCountOnce() {
		Map<String, List<Row>> runs = new LinkedHashMap<>();
		runs.put("a", run(0.41, 0.52, 0.30, 0.002)); // fraction worse, area worse, D exact, S2 best
		runs.put("b", run(0.40, 0.51, 0.30, 0.004)); // fraction exact, area best, D exact
		Map<String, double[]> w = FidelityTables.wins(runs);
		// fraction (phase 1 only), area (phase 1 only), D (shared), tau (NaN everywhere: none), S2
		assertEquals(1.5, w.get("a")[0], 1e-12);
		assertEquals(2.5, w.get("b")[0], 1e-12);
		// mean |Δ/sd| over the finite scalar rows left in: fraction 1, area 1, D
		assertEquals((1 + 2 + 0) / 3.0, w.get("a")[1], 1e-12);
		assertEquals((0 + 1 + 0) / 3.0, w.get("b")[1], 1e-12);
		String table = FidelityTables.winsTable("wins", runs);
		assertTrue(table.indexOf("b ") < table.indexOf("a "), table);
	}

	@Test
	void targetsFollowTheIssue() {
		String t = FidelityTables.targets(run(0.405, 0.53, 0.33, 0.006));
		// fraction 0.005 off (both phases, met), area 6 % off (twice), D 3 sd off, S2 above 0.005
		assertTrue(t.startsWith("targets met: 2/6"), t);
		assertTrue(t.contains("D_eff/D0 [0] x 3.0 sd"), t);
	}

	@Test
	void rowsSurviveTheirCsv(@TempDir Path dir) throws Exception {
		List<Row> rows = run(0.41, 0.52, 0.30, 0.002);
		Path f = dir.resolve("v").resolve("r").resolve("rows.csv");
		FidelityTables.write(rows, f);
		List<Row> back = FidelityTables.read(f);
		assertEquals(rows.size(), back.size());
		for (int i = 0; i < rows.size(); i++) {
			assertEquals(rows.get(i).key(), back.get(i).key());
			assertEquals(rows.get(i).error(), back.get(i).error(), 1e-7);
		}
		assertEquals(Arrays.asList("v/r"), Arrays.asList(FidelityTables.readAll(Arrays.asList(dir)).keySet()
			.toArray()));
	}
}

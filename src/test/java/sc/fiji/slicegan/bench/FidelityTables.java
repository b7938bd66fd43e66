package sc.fiji.slicegan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.VolumeSetComparison;

/**
 * The fidelity benchmark's results as rows (written to and read from {@code rows.csv}), the targets, and
 * the count of which run wins on most statistics.
 */
final class FidelityTables {

	private FidelityTables() {}

	static final String S2 = "S2 RMSE";
	static final String HEADER = "statistic,phase,axis,real_mean,real_sd,generated_mean,generated_sd,rel_error," +
		"diff_in_real_sd,rmse";

	/** One statistic of one run. */
	static final class Row {
		final String metric;
		/** The phase's grey value, or -1. */
		final int phase;
		final String axis;
		final double realMean, realSd, generatedMean, generatedSd, relError, z, rmse;

		Row(String metric, int phase, String axis, double realMean, double realSd, double generatedMean,
			double generatedSd, double relError, double z, double rmse)
		{
			this.metric = metric;
			this.phase = phase;
			this.axis = axis;
			this.realMean = realMean;
			this.realSd = realSd;
			this.generatedMean = generatedMean;
			this.generatedSd = generatedSd;
			this.relError = relError;
			this.z = z;
			this.rmse = rmse;
		}

		String key() {
			return metric + (phase < 0 ? "" : " [" + phase + "]") + (axis.equals("all") ? "" : " " + axis);
		}

		/** What a smaller value is better of: |relative error|, or the S₂ RMSE. */
		double error() {
			return metric.equals(S2) ? rmse : Math.abs(relError);
		}
	}

	static List<Row> rows(VolumeSetComparison c, int[] values) {
		List<Row> out = new ArrayList<>();
		for (VolumeSetComparison.Row r : c.rows)
			out.add(new Row(VolumeSetComparison.shortName(r.statistic.metric), r.statistic.phase ==
				CompareReport.ALL_PHASES
					? -1 : values[r.statistic.phase], r.statistic.axis, r.realMean, r.realSd, r.generatedMean,
				r.generatedSd, r
					.relativeError(), r.standardised(), Double.NaN));
		for (VolumeSetComparison.S2Row r : c.s2)
			out.add(new Row(S2, values[r.phase], r.axis.label(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
				Double.NaN,
				Double.NaN, r.rmse));
		return out;
	}

	static void write(List<Row> rows, Path file) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add(HEADER);
		for (Row r : rows)
			lines.add(String.format(Locale.ROOT, "%s,%d,%s,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g,%.8g", r.metric, r.phase,
				r.axis,
				r.realMean, r.realSd, r.generatedMean, r.generatedSd, r.relError, r.z, r.rmse));
		Files.createDirectories(file.getParent());
		Files.write(file, lines, StandardCharsets.UTF_8);
	}

	static List<Row> read(Path file) throws IOException {
		List<Row> rows = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			if (line.equals(HEADER) || line.isEmpty()) continue;
			String[] f = line.split(",");
			rows.add(new Row(f[0], Integer.parseInt(f[1]), f[2], d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]),
				d(
					f[9])));
		}
		return rows;
	}

	private static double d(String s) {
		return Double.parseDouble(s);
	}

	/**
	 * The targets (for the 2-phase NMC volume): phase fraction within 0.01, specific surface area within 5 %,
	 * relative diffusivity of each phase along each axis within 2 sd of the real crops, S₂ RMSE ≤ 0.005.
	 */
	static String targets(List<Row> rows) {
		List<String> missed = new ArrayList<>();
		int n = 0;
		for (Row r : rows) {
			boolean ok;
			if (r.metric.equals("phase fraction")) ok = Math.abs(r.generatedMean - r.realMean) <= 0.01;
			else if (r.metric.equals("surface area S_V")) ok = Math.abs(r.relError) <= 0.05;
			else if (r.metric.equals("D_eff/D0")) ok = Math.abs(r.generatedMean - r.realMean) <= 2 * r.realSd;
			else if (r.metric.equals(S2)) ok = r.rmse <= 0.005;
			else continue;
			n++;
			if (!ok) missed.add(r.key() + (r.metric.equals(S2) ? String.format(Locale.ROOT, " %.4f", r.rmse) : r.metric
				.equals("D_eff/D0") ? String.format(Locale.ROOT, " %.1f sd", r.z) : r.metric.equals("phase fraction")
					? String
						.format(Locale.ROOT, " %+.3f", r.generatedMean - r.realMean) : String.format(Locale.ROOT,
							" %+.1f%%", 100 *
								r.relError)));
		}
		return "targets met: " + (n - missed.size()) + "/" + n + (missed.isEmpty() ? "" : "; missed: " + String.join(
			", ", missed));
	}

	/**
	 * Wins per run: for every statistic, the run with the smallest |relative error| (S₂: RMSE) wins one, shared on a
	 * tie; a statistic that is NaN in every run counts for none. With two phases, phase 0's fraction and surface area
	 * repeat phase 1's and are left out. Also each run's mean |Δ/sd| over the scalar statistics.
	 */
	static Map<String, double[]> wins(Map<String, List<Row>> runs) {
		Map<String, double[]> score = new LinkedHashMap<>();
		for (String run : runs.keySet())
			score.put(run, new double[] { 0, 0, 0 });
		Map<String, Map<String, Row>> byKey = new LinkedHashMap<>();
		for (Map.Entry<String, List<Row>> e : runs.entrySet()) {
			boolean twoPhases = e.getValue().stream().filter(r -> r.metric.equals("phase fraction")).count() == 2;
			int lowest = e.getValue().stream().filter(r -> r.metric.equals("phase fraction")).mapToInt(r -> r.phase)
				.min()
				.orElse(0);
			for (Row r : e.getValue()) {
				if (twoPhases && r.phase == lowest && (r.metric.equals("phase fraction") || r.metric.equals(
					"surface area S_V"))) continue;
				byKey.computeIfAbsent(r.key(), k -> new LinkedHashMap<>()).put(e.getKey(), r);
				if (!r.metric.equals(S2) && Double.isFinite(r.z)) {
					score.get(e.getKey())[1] += Math.abs(r.z);
					score.get(e.getKey())[2]++;
				}
			}
		}
		for (Map<String, Row> perRun : byKey.values()) {
			double best = perRun.values().stream().mapToDouble(Row::error).filter(Double::isFinite).min().orElse(
				Double.NaN);
			if (Double.isNaN(best)) continue;
			List<String> winners = perRun.entrySet().stream().filter(e -> e.getValue().error() == best).map(
				Map.Entry::getKey).collect(Collectors.toList());
			for (String w : winners)
				score.get(w)[0] += 1.0 / winners.size();
		}
		for (double[] s : score.values())
			s[1] = s[2] > 0 ? s[1] / s[2] : Double.NaN;
		return score;
	}

	static String winsTable(String title, Map<String, List<Row>> runs) {
		Map<String, double[]> w = wins(runs);
		long statistics = runs.values().stream().flatMap(List::stream).map(Row::key).distinct().count();
		StringBuilder b = new StringBuilder(title + "\n");
		b.append(String.format(Locale.ROOT, "%-40s %8s %14s%n", "run", "wins", "mean |Δ/sd|"));
		w.entrySet().stream().sorted((a, c) -> Double.compare(c.getValue()[0], a.getValue()[0])).forEach(e -> b.append(
			String.format(Locale.ROOT, "%-40s %8.1f %14.2f%n", e.getKey(), e.getValue()[0], e.getValue()[1])));
		b.append("(").append(statistics).append(" statistics in all)\n");
		return b.toString();
	}

	/** Every {@code rows.csv} under the folders, by its path relative to its folder's parent (volume/run). */
	static Map<String, List<Row>> readAll(List<Path> folders) throws IOException {
		Map<String, List<Row>> out = new LinkedHashMap<>();
		for (Path folder : folders)
			try (Stream<Path> files = Files.walk(folder)) {
				for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals("rows.csv"))
					.sorted()::iterator)
					out.put(folder.relativize(f.getParent()).toString(), read(f));
			}
		return out;
	}
}

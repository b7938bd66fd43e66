package sc.fiji.slicegan.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import sc.fiji.slicegan.io.AtomicFiles;

/** Writes a {@link CompareReport} as metrics.csv, s2.csv and per-volume.csv (comma, '.' decimals, empty = not applicable). */
public final class CsvWriter {
	public static final String METRICS = "metrics.csv";
	public static final String S2 = "s2.csv";
	public static final String PER_VOLUME = "per-volume.csv";

	private CsvWriter() {
	}

	public static void write(CompareReport report, Path dir) throws IOException {
		Files.createDirectories(dir);
		AtomicFiles.writeText(dir.resolve(METRICS), w -> {
			w.write("metric,phase,axis,real,generated_mean,generated_sd,n_volumes\n");
			for (CompareReport.Row r : report.rows) {
				w.write(String.join(",", quote(r.metric), phase(r.phase), r.axis, num(r.real), num(r.generatedMean),
					num(r.generatedSd), Integer.toString(r.n)) + "\n");
			}
		});
		AtomicFiles.writeText(dir.resolve(S2), w -> {
			w.write("phase,axis,r,real,generated_mean,generated_sd,boundary\n");
			for (CompareReport.Curve c : report.curves) {
				for (int r = 0; r < c.generatedMean.length; r++) {
					w.write(String.join(",", Integer.toString(c.phase), c.axis.label(), Integer.toString(r),
						num(c.real[r]), num(c.generatedMean[r]), num(c.generatedSd[r]),
						report.boundary.name().toLowerCase(Locale.ROOT)) + "\n");
				}
			}
		});
		AtomicFiles.writeText(dir.resolve(PER_VOLUME), w -> {
			w.write("volume,metric,phase,axis,value\n");
			for (CompareReport.VolumeValue v : report.perVolume) {
				w.write(String.join(",", Integer.toString(v.volume + 1), quote(v.metric), phase(v.phase), v.axis,
					num(v.value)) + "\n");
			}
		});
	}

	static String phase(int p) {
		return p == CompareReport.ALL_PHASES ? "all" : Integer.toString(p);
	}

	static String num(double x) {
		if (Double.isNaN(x)) return "";
		if (Double.isInfinite(x)) return x > 0 ? "Infinity" : "-Infinity";
		return String.format(Locale.ROOT, "%.8g", x);
	}

	static String quote(String s) {
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}

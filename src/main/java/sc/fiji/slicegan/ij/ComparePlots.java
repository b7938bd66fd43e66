package sc.fiji.slicegan.ij;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import sc.fiji.slicegan.compare.BoxStats;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.io.AtomicFiles;
import sc.fiji.slicegan.metrics.Axis;

/**
 * ImageJ views of a {@link CompareReport}: a ResultsTable, S₂ curves, and box plots drawn with Plot's
 * line primitives (ImageJ's Plot has no box-plot type). PNG export works headless.
 */
public final class ComparePlots {
	private static final Color[] AXIS_COLORS = { new Color(200, 30, 30), new Color(20, 140, 20), new Color(30, 60,
		210) };

	private ComparePlots() {
	}

	public static ResultsTable resultsTable(CompareReport r) {
		ResultsTable t = new ResultsTable();
		for (CompareReport.Row row : r.rows) {
			t.incrementCounter();
			t.addValue("Metric", row.metric);
			t.addValue("Phase", row.phase == CompareReport.ALL_PHASES ? "all" : Integer.toString(row.phase));
			t.addValue("Axis", row.axis);
			t.addValue("Real", row.real);
			t.addValue("Generated mean", row.generatedMean);
			t.addValue("Generated sd", row.generatedSd);
			t.addValue("N", row.n);
		}
		return t;
	}

	/** One plot per phase: real S₂ and the generated mean along x, y, z. */
	public static List<Plot> s2Plots(CompareReport r) {
		List<Plot> plots = new ArrayList<>();
		for (int phase : r.phases) {
			Plot plot = new Plot("S2 phase " + phase + " (" + r.boundary.label() + ")", "r (voxels)", "S2(r)");
			StringBuilder legend = new StringBuilder();
			double[] firstReal = null;
			boolean realSame = true;
			for (CompareReport.Curve c : r.curves) {
				if (c.phase != phase || allNaN(c.real)) {
					continue;
				}
				if (firstReal == null) {
					firstReal = c.real;
				}
				else if (!Arrays.equals(firstReal, c.real)) {
					realSame = false;
				}
			}
			for (CompareReport.Curve c : r.curves) {
				if (c.phase != phase) {
					continue;
				}
				plot.setColor(AXIS_COLORS[c.axis.ordinal()]);
				plot.setLineWidth(2);
				plot.addPoints(range(c.generatedMean.length), c.generatedMean, Plot.LINE);
				legend.append("generated ").append(c.axis.label()).append('\n');
				if (!realSame && !allNaN(c.real)) {
					plot.setLineWidth(1);
					plot.addPoints(range(c.real.length), c.real, Plot.CONNECTED_CIRCLES);
					legend.append("real along ").append(c.axis.label()).append('\n');
				}
			}
			if (realSame && firstReal != null) {
				plot.setColor(Color.BLACK);
				plot.setLineWidth(2);
				plot.addPoints(range(firstReal.length), firstReal, Plot.CONNECTED_CIRCLES);
				legend.append("real (2D)\n");
			}
			plot.setLineWidth(1);
			plot.setColor(Color.BLACK);
			plot.addLegend(legend.toString().trim());
			plot.setLimitsToFit(false);
			plots.add(plot);
		}
		return plots;
	}

	/** Phase fraction over the N volumes, one box per phase; the real value as a black cross. */
	public static Plot phaseFractionBoxPlot(CompareReport r) {
		Map<String, double[]> boxes = new LinkedHashMap<>();
		Map<String, Double> real = new LinkedHashMap<>();
		for (int p : r.phases) {
			String key = "phase " + p;
			boxes.put(key, r.values(CompareReport.PHASE_FRACTION, p, null));
			r.rows.stream().filter(row -> row.metric.equals(CompareReport.PHASE_FRACTION) && row.phase == p)
				.findFirst().ifPresent(row -> real.put(key, row.real));
		}
		return boxPlot("Phase fractions over " + r.volumes + " volumes", "phase fraction", boxes, real);
	}

	/** D_eff/D0 over the N volumes, one box per phase and axis; null when no diffusion was computed. */
	public static Plot diffusivityBoxPlot(CompareReport r) {
		Map<String, double[]> boxes = new LinkedHashMap<>();
		for (int p : r.phases) {
			for (Axis a : Axis.values()) {
				double[] v = r.values(CompareReport.DIFFUSIVITY, p, a.label());
				if (v.length > 0) {
					boxes.put("phase " + p + ", " + a.label(), v);
				}
			}
		}
		if (boxes.isEmpty()) {
			return null;
		}
		return boxPlot("Relative diffusivity over " + r.volumes + " volumes", "D_eff/D0", boxes, Map.of());
	}

	/** Box-and-whisker plot, box i centred at x = i + 1, labelled above its whisker. */
	static Plot boxPlot(String title, String yLabel, Map<String, double[]> boxes, Map<String, Double> real) {
		Plot plot = new Plot(title, "phase / axis", yLabel);
		double lo = Double.POSITIVE_INFINITY;
		double hi = Double.NEGATIVE_INFINITY;
		for (double[] v : boxes.values()) {
			for (double x : v) {
				if (Double.isFinite(x)) {
					lo = Math.min(lo, x);
					hi = Math.max(hi, x);
				}
			}
		}
		for (double x : real.values()) {
			if (Double.isFinite(x)) {
				lo = Math.min(lo, x);
				hi = Math.max(hi, x);
			}
		}
		if (!Double.isFinite(lo)) {
			lo = 0;
			hi = 1;
		}
		double pad = Math.max(1e-6, 0.15 * (hi - lo));
		plot.setLimits(0.4, boxes.size() + 0.6, lo - pad, hi + 2 * pad);
		plot.setLineWidth(2);
		int i = 1;
		double half = 0.25;
		for (Map.Entry<String, double[]> e : boxes.entrySet()) {
			BoxStats b = new BoxStats(e.getValue());
			plot.setColor(AXIS_COLORS[(i - 1) % 3]);
			if (Double.isFinite(b.median)) {
				plot.drawLine(i - half, b.q1, i + half, b.q1);
				plot.drawLine(i - half, b.q3, i + half, b.q3);
				plot.drawLine(i - half, b.q1, i - half, b.q3);
				plot.drawLine(i + half, b.q1, i + half, b.q3);
				plot.drawLine(i - half, b.median, i + half, b.median);
				plot.drawLine(i, b.q3, i, b.whiskerHigh);
				plot.drawLine(i, b.q1, i, b.whiskerLow);
				plot.drawLine(i - half / 2, b.whiskerHigh, i + half / 2, b.whiskerHigh);
				plot.drawLine(i - half / 2, b.whiskerLow, i + half / 2, b.whiskerLow);
				if (b.outliers.length > 0) {
					double[] xs = new double[b.outliers.length];
					Arrays.fill(xs, i);
					plot.addPoints(xs, b.outliers, Plot.CIRCLE);
				}
			}
			Double rv = real.get(e.getKey());
			if (rv != null && Double.isFinite(rv)) {
				plot.setColor(Color.BLACK);
				plot.addPoints(new double[] { i }, new double[] { rv }, Plot.X);
			}
			plot.setColor(Color.BLACK);
			plot.addText(e.getKey(), i - half, hi + 1.5 * pad);
			i++;
		}
		plot.setLineWidth(1);
		return plot;
	}

	/** All plots of the report (S₂ per phase, phase-fraction box plot, diffusivity box plot if computed). */
	public static Map<String, Plot> all(CompareReport r) {
		Map<String, Plot> plots = new LinkedHashMap<>();
		List<Plot> s2 = s2Plots(r);
		for (int k = 0; k < s2.size(); k++) {
			plots.put("s2-phase-" + r.phases[k], s2.get(k));
		}
		plots.put("phase-fractions", phaseFractionBoxPlot(r));
		Plot d = diffusivityBoxPlot(r);
		if (d != null) {
			plots.put("diffusivity", d);
		}
		return plots;
	}

	/**
	 * Saves every plot as NAME.png in dir (each written to a temporary file and renamed); returns the files written.
	 * Works with java.awt.headless=true.
	 */
	public static List<Path> savePng(CompareReport r, Path dir) throws IOException {
		List<Path> files = new ArrayList<>();
		for (Map.Entry<String, Plot> e : all(r).entrySet()) {
			ImagePlus imp = e.getValue().getImagePlus();
			Path f = dir.resolve(e.getKey() + ".png");
			// FileSaver, not IJ.saveAs: IJ.saveAs goes through IJ.run, which builds AWT menus and throws headless
			AtomicFiles.writePath(f, tmp -> {
				if (!new FileSaver(imp).saveAsPng(tmp.toString())) throw new IOException("could not write " + f);
			});
			files.add(f);
		}
		return files;
	}

	private static double[] range(int n) {
		double[] x = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = i;
		}
		return x;
	}

	private static boolean allNaN(double[] v) {
		return Arrays.stream(v).allMatch(Double::isNaN);
	}
}

package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;
import java.nio.file.Paths;

import ij.IJ;
import ij.gui.Plot;
import ij.plugin.PlugIn;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.ij.ComparePlots;

/**
 * Plugins &gt; SliceGAN &gt; Compare SliceGAN Statistics…: the real image against volumes generated from a model;
 * a Results table and plots, and CSV/PNG files when a folder is given.
 */
public final class ComparePlugin implements PlugIn {

	public static final String COMMAND = "Compare SliceGAN Statistics...";

	@Override
	public void run(String arg) {
		Messages.reporting(this::compare);
	}

	private void compare() {
		String[] titles = OpenImages.titles("the segmented 2D image the model was trained on");
		String current = OpenImages.currentTitle(titles);
		CompareRequest defaults = new CompareRequest();
		Form f = Form.create("Compare SliceGAN Statistics");
		f.choice("Image (real section; alone, every orientation)", titles, current);
		f.choice("Image_y (section normal to y; anisotropic only)", OpenImages.withNone(titles), OpenImages.NONE);
		f.choice("Image_x (section normal to x; anisotropic only)", OpenImages.withNone(titles), OpenImages.NONE);
		f.file("Model_file", OpenImages.besideImage(OpenImages.byTitle(current), "-slicegan.zip"));
		f.number("Count (generated volumes)", defaults.count, 0);
		f.number("Edge (voxels)", defaults.edge, 0);
		f.number("Seed", defaults.seed, 0);
		f.choice("Backend", Backends.CHOICES, "auto");
		f.file("Output_folder (CSV and PNG; empty: none)", "");
		if (!f.show()) return;
		CompareRequest r = new CompareRequest();
		r.image = OpenImages.byTitle(f.nextChoice());
		r.imageY = OpenImages.byTitle(f.nextChoice());
		r.imageX = OpenImages.byTitle(f.nextChoice());
		String model = f.nextString().trim();
		r.modelFile = model.isEmpty() ? null : Paths.get(model);
		r.count = f.nextInt();
		r.edge = f.nextInt();
		r.seed = (long) f.nextNumber();
		r.backend = f.nextChoice();
		String out = f.nextString().trim();
		r.outputFolder = out.isEmpty() ? null : Paths.get(out);
		CompareReport report = CompareJob.run(r, IJ::showStatus);
		if (GraphicsEnvironment.isHeadless()) {
			for (CompareReport.Row row : report.rows)
				IJ.log(String.format(java.util.Locale.ROOT, "%s\tphase %s\taxis %s\treal %.4f\tgenerated %.4f ± %.4f",
					row.metric, row.phase < 0 ? "all" : String.valueOf(row.phase), row.axis, row.real, row.generatedMean,
					row.generatedSd));
			return;
		}
		ComparePlots.resultsTable(report).show("SliceGAN comparison");
		for (Plot p : ComparePlots.all(report).values())
			p.show();
	}
}

package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.Arrays;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import ij.gui.Plot;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.ij.ComparePlots;

/**
 * Real-vs-generated statistics as a SciJava command: shows a Results table and plots (with a display), writes
 * CSV and PNG files to {@code output_folder} when given, and returns the report for scripts.
 */
@Plugin(type = Command.class, menuPath = "Plugins>SliceGAN>SciJava>Compare", label = "Compare SliceGAN Statistics",
	headless = true)
public final class CompareCommand extends DynamicCommand {

	@Parameter
	private LogService log;
	@Parameter
	private StatusService status;
	@Parameter(required = false)
	private UIService ui;

	@Parameter(label = "Real section (alone, every orientation)")
	private ImagePlus image;
	@Parameter(label = "Section normal to y (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_y;
	@Parameter(label = "Section normal to x (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_x;
	@Parameter(label = "Model file (.zip)")
	private File model_file;
	@Parameter(label = "Generated volumes", min = "1")
	private int count = 3;
	@Parameter(label = "Edge (voxels)", min = "1")
	private int edge = 64;
	@Parameter
	private long seed = 1;
	@Parameter(label = "Backend", initializer = "offerBackends")
	private String backend = "auto";
	@Parameter(label = "Output folder (CSV and PNG)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, label = "Comparison")
	private CompareReport report;

	/** The backends this build has (a GPU backend, when present, appears by itself). */
	@SuppressWarnings("unused")
	private void offerBackends() {
		getInfo().getMutableInput("backend", String.class).setChoices(Arrays.asList(Backends.CHOICES));
	}

	@Override
	public void run() {
		CommandErrors.reporting(this, log, ui, () -> {
			CompareRequest r = new CompareRequest();
			r.image = image;
			r.imageY = OpenImages.given(image_y);
			r.imageX = OpenImages.given(image_x);
			r.modelFile = model_file == null ? null : model_file.toPath();
			r.count = count;
			r.edge = edge;
			r.seed = seed;
			r.backend = backend;
			r.outputFolder = output_folder == null ? null : output_folder.toPath();
			report = CompareJob.run(r, status::showStatus);
			status.clearStatus();
			if (GraphicsEnvironment.isHeadless()) return;
			ComparePlots.resultsTable(report).show("SliceGAN comparison");
			for (Plot p : ComparePlots.all(report).values())
				p.show();
		});
	}
}

package sc.fiji.slicegan.fiji;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.run.CompareOptions;

/**
 * Real-vs-generated statistics as a SciJava command (the menu entry is {@link ComparePlugin}): shows a Results
 * table and plots (with a display), writes CSV and PNG files to {@code output_folder} when given, and returns the
 * report for scripts. Cancelling ends it within a diffusion iteration, with no report and nothing written.
 */
@Plugin(type = Command.class, label = "Compare SliceGAN Statistics", headless = true, initializer = "offerChoices")
public final class CompareCommand extends OptionsCommand {

	@Parameter(label = "Real section (alone, every orientation)")
	private ImagePlus image;
	@Parameter(label = "Section normal to y (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_y;
	@Parameter(label = "Section normal to x (anisotropic only)", required = false, autoFill = false, persist = false)
	private ImagePlus image_x;
	@Parameter(label = "Model file (.zip)", required = false, style = FileWidget.OPEN_STYLE)
	private File model_file;
	@Parameter(label = "Or generated volumes (TIFF files, comma-separated)", required = false)
	private String volumes = CompareOptions.VOLUMES.textDefault();
	@Parameter(label = "Generated volumes")
	private int count = CompareOptions.COUNT.intDefault();
	@Parameter(label = "Edge (voxels)")
	private int edge = CompareOptions.EDGE.intDefault();
	@Parameter(label = "Periodic axes of the generated volumes")
	private String periodic = CompareOptions.PERIODIC.textDefault();
	@Parameter(label = "Seed")
	private long seed = CompareOptions.SEED.longDefault();
	@Parameter(label = "Backend")
	private String backend = CompareOptions.BACKEND.textDefault();
	@Parameter(label = "Output folder (CSV and PNG)", required = false, style = FileWidget.DIRECTORY_STYLE)
	private File output_folder;
	@Parameter(label = "Periodic two-point correlations")
	private boolean s2_periodic = false;
	@Parameter(label = "Tensor memory per slab (GiB)")
	private double memory_gb = CompareOptions.MEMORY_GB.numberDefault();

	@Parameter(label = "Replace existing output files")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Comparison")
	private CompareReport report;

	public CompareCommand() {
		super(CompareOptions.ALL);
	}

	@Override
	public void run() {
		reporting(() -> report = FijiRuns.compare(image, OpenImages.given(image_y),
			OpenImages.given(image_x), values(), cancelRequest));
	}
}

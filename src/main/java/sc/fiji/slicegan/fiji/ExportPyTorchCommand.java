package sc.fiji.slicegan.fiji;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.slicegan.run.ExportPyTorchOptions;

/**
 * Exporting a model's generator as the published PyTorch SliceGAN's files, as a SciJava command (the menu entry is
 * {@link ExportPyTorchPlugin}); parameters named by the option keys ({@link ExportPyTorchOptions}).
 */
@Plugin(type = Command.class, label = "Export PyTorch Generator", headless = true, initializer = "offerChoices")
public final class ExportPyTorchCommand extends OptionsCommand {

	@Parameter(label = "Model file (.zip)", style = FileWidget.OPEN_STYLE)
	private File model_file;
	@Parameter(label = "Output NAME (writes NAME_Gen.pt, NAME_params.data)", style = FileWidget.SAVE_STYLE)
	private File output_name;
	@Parameter(label = "Replace existing files")
	private boolean overwrite = false;

	public ExportPyTorchCommand() {
		super(ExportPyTorchOptions.ALL);
	}

	@Override
	public void run() {
		reporting(() -> FijiRuns.exportPyTorch(values(), cancelRequest));
	}
}

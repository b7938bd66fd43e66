package sc.fiji.slicegan.fiji;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import sc.fiji.slicegan.run.ImportPyTorchOptions;

/**
 * Importing a generator saved by the published PyTorch SliceGAN, as a SciJava command for scripts and Fiji's
 * {@code --headless --run} (the menu entry is {@link ImportPyTorchPlugin}); parameters named by the option keys
 * ({@link ImportPyTorchOptions}). Writes the model file; its summary goes to the log.
 */
@Plugin(type = Command.class, label = "Import PyTorch Generator", headless = true, initializer = "offerChoices")
public final class ImportPyTorchCommand extends OptionsCommand {

	@Parameter(label = "Generator file (NAME_Gen.pt)", style = FileWidget.OPEN_STYLE)
	private File generator_file;
	@Parameter(label = "Params file (NAME_params.data)", style = FileWidget.OPEN_STYLE)
	private File params_file;
	@Parameter(label = "Model file to write (.zip)", style = FileWidget.SAVE_STYLE)
	private File model_file;
	@Parameter(label = "Data type")
	private String data_type = ImportPyTorchOptions.DATA_TYPE.textDefault();
	@Parameter(label = "Phase values (n-phase; empty: 0, 1, 2, …)", required = false)
	private String phases = ImportPyTorchOptions.PHASES.textDefault();
	@Parameter(label = "Replace an existing model file")
	private boolean overwrite = false;

	public ImportPyTorchCommand() {
		super(ImportPyTorchOptions.ALL);
	}

	@Override
	public void run() {
		reporting(() -> FijiRuns.importPyTorch(values(), cancelRequest));
	}
}

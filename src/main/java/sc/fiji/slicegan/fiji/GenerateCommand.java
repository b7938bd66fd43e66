package sc.fiji.slicegan.fiji;

import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.module.DefaultMutableModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

import ij.ImagePlus;
import sc.fiji.slicegan.run.GenerateOptions;

/**
 * Volumes from a trained model as a SciJava command (the menu entry is {@link GeneratePlugin}). The first volume is
 * the output {@code volume}; with {@code count} &gt; 1 the others are the outputs {@code volume_2}, {@code volume_3},
 * … (Fiji shows them all). Cancelling stops after the current slab; the volumes finished by then are returned.
 */
@Plugin(type = Command.class, label = "Generate SliceGAN Volumes", headless = true, initializer = "offerChoices")
public final class GenerateCommand extends OptionsCommand {

	@Parameter(label = "Model file (.zip)", style = FileWidget.OPEN_STYLE)
	private File model_file;
	@Parameter(label = "Also write TIFF stacks to (optional)", required = false, style = FileWidget.SAVE_STYLE)
	private File output_file;
	@Parameter(label = "Edge (voxels)")
	private int edge = GenerateOptions.EDGE.intDefault();
	@Parameter(label = "Latent size (0: from the edge)")
	private int latent_size = GenerateOptions.LATENT_SIZE.intDefault();
	@Parameter(label = "Periodic axes")
	private String periodic = GenerateOptions.PERIODIC.textDefault();
	@Parameter(label = "Seed")
	private long seed = GenerateOptions.SEED.longDefault();
	@Parameter(label = "Number of volumes")
	private int count = GenerateOptions.COUNT.intDefault();
	@Parameter(label = "Backend")
	private String backend = GenerateOptions.BACKEND.textDefault();
	@Parameter(label = "Tensor memory per slab (GiB)")
	private double memory_gb = GenerateOptions.MEMORY_GB.numberDefault();

	@Parameter(label = "Replace existing output files")
	private boolean overwrite = false;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus volume;

	public GenerateCommand() {
		super(GenerateOptions.ALL);
	}

	@Override
	public void run() {
		reporting(() -> {
			List<ImagePlus> stacks = FijiRuns.generate(values(), cancelRequest);
			if (stacks.isEmpty()) return;
			volume = stacks.get(0);
			for (int i = 1; i < stacks.size(); i++) {
				String name = "volume_" + (i + 1);
				DefaultMutableModuleItem<ImagePlus> item = new DefaultMutableModuleItem<>(getInfo(), name,
					ImagePlus.class);
				item.setIOType(ItemIO.OUTPUT);
				getInfo().addOutput(item);
				setOutput(name, stacks.get(i));
			}
		});
	}
}

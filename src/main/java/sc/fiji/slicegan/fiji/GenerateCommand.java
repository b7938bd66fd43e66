package sc.fiji.slicegan.fiji;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.DefaultMutableModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

import ij.ImagePlus;
import sc.fiji.slicegan.backend.Backends;

/**
 * Volumes from a trained model as a SciJava command. The first volume is the output {@code volume}; with
 * {@code count} &gt; 1 the others are the outputs {@code volume_2}, {@code volume_3}, … (Fiji shows them all).
 */
@Plugin(type = Command.class, menuPath = "Plugins>SliceGAN>SciJava>Generate", label = "Generate SliceGAN Volumes",
	headless = true)
public final class GenerateCommand extends DynamicCommand {

	@Parameter
	private LogService log;
	@Parameter
	private StatusService status;
	@Parameter(required = false)
	private UIService ui;

	@Parameter(label = "Model file (.zip)")
	private File model_file;
	@Parameter(label = "Edge (voxels)", min = "1")
	private int edge = 64;
	@Parameter(label = "Latent size (0: from the edge)", min = "0",
		description = "The latent grid's edge (≥ 4); the volume edge is 32·size − 64 for table1 networks")
	private int latent_size = 0;
	@Parameter(label = "Periodic axes", choices = { "none", "xyz", "xy", "z" },
		description = "Axes along which the volume wraps around (its edge is then a whole number of periods)")
	private String periodic = "none";
	@Parameter
	private long seed = 1;
	@Parameter(label = "Number of volumes", min = "1")
	private int count = 1;
	@Parameter(label = "Backend", initializer = "offerBackends")
	private String backend = "auto";

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus volume;

	/** The backends this build has (a GPU backend, when present, appears by itself). */
	@SuppressWarnings("unused")
	private void offerBackends() {
		getInfo().getMutableInput("backend", String.class).setChoices(Arrays.asList(Backends.CHOICES));
	}

	@Override
	public void run() {
		CommandErrors.reporting(this, log, ui, () -> {
			GenerateRequest r = new GenerateRequest();
			r.modelFile = model_file == null ? null : model_file.toPath();
			r.edge = edge;
			r.latentSize = latent_size;
			r.periodic = periodic;
			r.seed = seed;
			r.count = count;
			r.backend = backend;
			List<ImagePlus> stacks = GenerateJob.run(r, status::showStatus);
			volume = stacks.get(0);
			for (int i = 1; i < stacks.size(); i++) {
				String name = "volume_" + (i + 1);
				DefaultMutableModuleItem<ImagePlus> item = new DefaultMutableModuleItem<>(getInfo(), name,
					ImagePlus.class);
				item.setIOType(ItemIO.OUTPUT);
				getInfo().addOutput(item);
				setOutput(name, stacks.get(i));
			}
			status.clearStatus();
		});
	}
}

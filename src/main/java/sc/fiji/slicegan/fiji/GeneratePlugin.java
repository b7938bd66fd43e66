package sc.fiji.slicegan.fiji;

import java.util.HashMap;
import java.util.Map;

import ij.ImagePlus;
import ij.plugin.PlugIn;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.GenerateOptions;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;

/**
 * Plugins &gt; SliceGAN &gt; Generate SliceGAN Volumes… for ImageJ 1.x and its macro recorder:
 * {@code run("Generate SliceGAN Volumes...", "model_file=/data/blobs.zip edge=128 seed=1 count=2")}.
 */
public final class GeneratePlugin implements PlugIn {

	public static final String COMMAND = "Generate SliceGAN Volumes...";
	/** The model of the last run, offered again. */
	private static String lastModel = "";

	@Override
	public void run(String arg) {
		Messages.reporting(this::generate);
	}

	private void generate() {
		Map<Option, String> initial = new HashMap<>();
		initial.put(GenerateOptions.MODEL_FILE, lastModel);
		OptionValues v = Form.create("Generate SliceGAN Volumes").ask(GenerateOptions.ALL, initial, null);
		if (v == null) return;
		lastModel = String.valueOf(v.path(GenerateOptions.MODEL_FILE));
		for (ImagePlus imp : FijiRuns.generate(v, new CancelRequest()))
			imp.show();
	}
}

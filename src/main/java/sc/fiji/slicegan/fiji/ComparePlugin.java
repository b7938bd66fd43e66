package sc.fiji.slicegan.fiji;

import java.util.HashMap;
import java.util.Map;

import ij.plugin.PlugIn;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.CompareOptions;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;

/**
 * Plugins &gt; SliceGAN &gt; Compare SliceGAN Statistics…: the real image against volumes generated from a model (or
 * given as files); a Results table and plots, and CSV/PNG files when a folder is given.
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
		Map<Option, String> initial = new HashMap<>();
		initial.put(CompareOptions.IMAGE, current);
		initial.put(CompareOptions.MODEL_FILE, OpenImages.besideImage(OpenImages.byTitle(current), "-slicegan.zip"));
		OptionValues v = Form.create("Compare SliceGAN Statistics").ask(CompareOptions.ALL, initial, titles);
		if (v == null) return;
		FijiRuns.compare(OpenImages.byTitle(v.text(CompareOptions.IMAGE)), TrainPlugin.image(v, CompareOptions.IMAGE_Y),
			TrainPlugin.image(v, CompareOptions.IMAGE_X), v, new CancelRequest());
	}
}

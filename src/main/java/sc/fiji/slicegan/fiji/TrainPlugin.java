package sc.fiji.slicegan.fiji;

import java.util.HashMap;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.plugin.PlugIn;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.Option;
import sc.fiji.slicegan.run.OptionValues;
import sc.fiji.slicegan.run.TrainOptions;

/**
 * Plugins &gt; SliceGAN &gt; Train SliceGAN… for ImageJ 1.x and its macro recorder:
 * {@code run("Train SliceGAN...", "image=blobs.tif network=small iterations=500 model_file=/data/blobs.zip")}.
 */
public final class TrainPlugin implements PlugIn {

	public static final String COMMAND = "Train SliceGAN...";

	@Override
	public void run(String arg) {
		Messages.reporting(this::train);
	}

	private void train() {
		String[] titles = OpenImages.titles("the segmented 2D image to train on");
		String current = OpenImages.currentTitle(titles);
		Map<Option, String> initial = new HashMap<>();
		boolean interactive = Macro.getOptions() == null;
		// without a usable GPU, a dialog proposes what a CPU trains in minutes (macros keep the table's defaults)
		if (interactive) TrainOptions.proposals().forEach((o, value) -> initial.put(o, value instanceof Double ? Option
			.formatNumber((Double) value) : String.valueOf(value)));
		initial.put(TrainOptions.IMAGE, current);
		initial.put(TrainOptions.MODEL_FILE, OpenImages.besideImage(OpenImages.byTitle(current), "-slicegan.zip"));
		OptionValues v = Form.create("Train SliceGAN").ask(TrainOptions.ALL, initial, titles);
		if (v == null) return;
		if (interactive && TrainOptions.onCpu(v) && !TrainOptions.quickOnCpu(v.text(TrainOptions.NETWORK)) && !IJ
			.showMessageWithCancel(
				"SliceGAN", "The " + v.text(TrainOptions.NETWORK) +
					" networks train slowly on a CPU: with these batches an " +
					"iteration can take minutes, and " + v.integer(TrainOptions.ITERATIONS) +
					" iterations days. The small " +
					"networks (small-rc-wide, small-rc, small) learn in minutes.\n \nTrain " + v.text(
						TrainOptions.NETWORK) +
					" on the CPU anyway? (The Log " +
					"window shows the time per iteration after the first few.)")) return;
		ImagePlus volume = FijiRuns.train(OpenImages.byTitle(v.text(TrainOptions.IMAGE)), image(v,
			TrainOptions.IMAGE_Y),
			image(v, TrainOptions.IMAGE_X), v, new CancelRequest());
		volume.show();
	}

	/** The open image an optional image option names, or null. */
	static ImagePlus image(OptionValues v, Option o) {
		String title = v.text(o);
		return title == null ? null : OpenImages.byTitle(title);
	}
}

package sc.fiji.slicegan.fiji;

import java.util.HashMap;

import ij.plugin.PlugIn;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.ExportPyTorchOptions;
import sc.fiji.slicegan.run.OptionValues;

/**
 * Plugins &gt; SliceGAN &gt; Export PyTorch Generator…: a model's generator as the published PyTorch SliceGAN's files,
 * e.g. {@code run("Export PyTorch Generator...", "model_file=/data/blobs.zip output_name=/data/blobs")} writes
 * blobs_Gen.pt and blobs_params.data; the Log window says how to load them in Python.
 */
public final class ExportPyTorchPlugin implements PlugIn {

	public static final String COMMAND = "Export PyTorch Generator...";

	@Override
	public void run(String arg) {
		Messages.reporting(this::export);
	}

	private void export() {
		OptionValues v = Form.create("Export PyTorch Generator").ask(ExportPyTorchOptions.ALL, new HashMap<>(), null);
		if (v == null) return;
		FijiRuns.exportPyTorch(v, new CancelRequest());
	}
}

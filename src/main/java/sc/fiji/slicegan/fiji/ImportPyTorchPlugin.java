package sc.fiji.slicegan.fiji;

import java.util.HashMap;

import ij.plugin.PlugIn;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.ImportPyTorchOptions;
import sc.fiji.slicegan.run.OptionValues;

/**
 * Plugins &gt; SliceGAN &gt; Import PyTorch Generator… for ImageJ 1.x and its macro recorder: a generator saved by the
 * published PyTorch SliceGAN becomes a model file that Generate SliceGAN Volumes uses, e.g.
 * {@code run("Import PyTorch Generator...", "generator_file=/data/NMC_Gen.pt params_file=/data/NMC_params.data
 * model_file=/data/NMC.zip data_type=auto phases=0,127,255")}.
 */
public final class ImportPyTorchPlugin implements PlugIn {

	public static final String COMMAND = "Import PyTorch Generator...";

	@Override
	public void run(String arg) {
		Messages.reporting(this::importGenerator);
	}

	private void importGenerator() {
		OptionValues v = Form.create("Import PyTorch Generator").ask(ImportPyTorchOptions.ALL, new HashMap<>(), null);
		if (v == null) return;
		FijiRuns.importPyTorch(v, new CancelRequest());
	}
}

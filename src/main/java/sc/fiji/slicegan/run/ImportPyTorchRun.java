package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.nn.GeneratorKind;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.progress.Progress;
import sc.fiji.slicegan.pytorch.GeneratorImport;

/**
 * Importing a generator saved by the published PyTorch SliceGAN (NAME_Gen.pt and NAME_params.data), assembled once
 * for the command line and Fiji: the result is a model file that generation uses like any other. It has no critic or
 * training settings, so training does not resume it.
 */
public final class ImportPyTorchRun {

	/** What a run leaves. */
	public static final class Outcome {
		public final ModelState model;
		public final Path modelFile;
		/** One line on what was imported. */
		public final String summary;

		Outcome(ModelState model, Path modelFile, String summary) {
			this.model = model;
			this.modelFile = modelFile;
			this.summary = summary;
		}
	}

	private ImportPyTorchRun() {}

	public static Outcome run(OptionValues v, Progress progress) {
		Path gen = v.path(ImportPyTorchOptions.GENERATOR_FILE), params = v.path(ImportPyTorchOptions.PARAMS_FILE);
		Path out = v.path(ImportPyTorchOptions.MODEL_FILE);
		String type = v.text(ImportPyTorchOptions.DATA_TYPE);
		ImageKind kind = type.equals("auto") ? null : ImageKind.parse(type);
		int[] phases = ImportPyTorchOptions.phases(v);
		new Outputs(v, progress).input(gen, "generator file").input(params, "params file").file(out,
			ImportPyTorchOptions.MODEL_FILE);
		progress.status("importing " + gen.getFileName());
		ModelState m = GeneratorImport.read(gen, params, kind, phases);
		try {
			ModelFile.save(m, out);
		}
		catch (IOException e) {
			throw new BadInputException("Could not write " + out + ": " + e.getMessage(), e);
		}
		progress.progress(1);
		String summary = "Imported " + describe(m) + " from " + gen.getFileName() + " into " + out + ".";
		progress.log(summary);
		return new Outcome(m, out, summary);
	}

	/** "a resize-convolution generator (slicegan_rc_nets), n-phase with values 0, 1, 2, 64³ volumes at latent 4". */
	static String describe(ModelState m) {
		NetSpec s = m.spec;
		String what = s.kind == GeneratorKind.RESIZE_CONV ? "a resize-convolution generator (slicegan_rc_nets)"
			: "a transposed-convolution generator (slicegan_nets)";
		String data = m.kind == ImageKind.N_PHASE ? "n-phase with values " + Arrays.toString(m.phaseValues).replaceAll(
			"[\\[\\]]", "") : m.kind.label();
		return String.format(Locale.ROOT, "%s, %s, %d latent channels, %d³ volumes at latent size %d", what, data,
			s.latentChannels, s.trainingEdge(), s.latentSize);
	}
}

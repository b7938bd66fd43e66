package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.progress.Progress;
import sc.fiji.slicegan.pytorch.GeneratorExport;
import sc.fiji.slicegan.pytorch.PublishedGenerator;

/**
 * Exporting a model's generator as the published PyTorch SliceGAN saves one (NAME_Gen.pt, NAME_params.data), assembled
 * once for the command line and Fiji. A generator the published code cannot build is refused before anything is
 * written.
 */
public final class ExportPyTorchRun {

	/** What a run leaves. */
	public static final class Outcome {
		public final Path generatorFile, paramsFile;
		/** How to load them with the published code. */
		public final String pythonUsage;

		Outcome(Path generatorFile, Path paramsFile, String pythonUsage) {
			this.generatorFile = generatorFile;
			this.paramsFile = paramsFile;
			this.pythonUsage = pythonUsage;
		}
	}

	private ExportPyTorchRun() {}

	public static Outcome run(OptionValues v, Progress progress) {
		Path modelFile = v.path(ExportPyTorchOptions.MODEL_FILE);
		Path name = PublishedGenerator.name(v.path(ExportPyTorchOptions.OUTPUT_NAME));
		Outputs outputs = new Outputs(v, progress).input(modelFile, "model");
		ModelState m = ModelFile.load(modelFile);
		PublishedGenerator p = GeneratorExport.of(m);
		Path gen = PublishedGenerator.generatorFile(name), params = PublishedGenerator.paramsFile(name);
		outputs.file(gen, ExportPyTorchOptions.OUTPUT_NAME);
		outputs.file(params, ExportPyTorchOptions.OUTPUT_NAME);
		progress.status("exporting " + modelFile.getFileName());
		try {
			p.write(name);
		}
		catch (IOException e) {
			throw new BadInputException("Could not write " + gen + " and " + params + ": " + e.getMessage(), e);
		}
		progress.progress(1);
		String usage = p.pythonUsage(name);
		progress.log("Wrote " + gen + " and " + params + ". With the published SliceGAN: " + usage);
		return new Outcome(gen, params, usage);
	}
}

package sc.fiji.slicegan.fiji;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.ij.ComparePlots;
import sc.fiji.slicegan.ij.IjImageFiles;
import sc.fiji.slicegan.ij.VolumeStacks;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.CompareRun;
import sc.fiji.slicegan.run.ExportPyTorchRun;
import sc.fiji.slicegan.run.GenerateOptions;
import sc.fiji.slicegan.run.GenerateRun;
import sc.fiji.slicegan.run.ImportPyTorchRun;
import sc.fiji.slicegan.run.InputImage;
import sc.fiji.slicegan.run.OptionValues;
import sc.fiji.slicegan.run.Sections;
import sc.fiji.slicegan.run.TrainRun;

/**
 * The SliceGAN use cases as Fiji runs them, shared by the IJ1 plugins (menus, macros) and the SciJava commands
 * (scripts, {@code --headless --run}): open images in, calibrated stacks and tables out, progress in the status
 * bar, the Log window and (with a display) the training window. The use cases themselves are in
 * {@code sc.fiji.slicegan.run}.
 */
final class FijiRuns {

	private FijiRuns() {}

	/** Trains on open images; returns the volume made at the end, calibrated and with its provenance. */
	static ImagePlus train(ImagePlus z, ImagePlus y, ImagePlus x, OptionValues v, CancelRequest cancel) {
		Sections images = new Sections(input(z), input(y), input(x));
		TrainRun.Outcome r = TrainRun.run(images, v, new FijiProgress(cancel, true));
		return VolumeStacks.toImagePlus(r.volume, stem(z.getTitle()) + "-slicegan", r.model, r.modelFile.toString());
	}

	/** The volumes as stacks named after the model and seed (also written to files when an output file is given). */
	static List<ImagePlus> generate(OptionValues v, CancelRequest cancel) {
		GenerateRun.Outcome r = GenerateRun.run(v, IjImageFiles.INSTANCE, new FijiProgress(cancel), true);
		String model = v.path(GenerateOptions.MODEL_FILE).toString();
		String stem = stem(v.path(GenerateOptions.MODEL_FILE).getFileName().toString());
		List<ImagePlus> stacks = new ArrayList<>();
		for (GeneratedVolume g : r.volumes)
			stacks.add(VolumeStacks.toImagePlus(g, stem + "-seed" + g.seed, r.model, model));
		IJ.showStatus("");
		return stacks;
	}

	/** The comparison; null when cancelled. With a display it shows a Results table and plots. */
	static CompareReport compare(ImagePlus z, ImagePlus y, ImagePlus x, OptionValues v, CancelRequest cancel) {
		Sections real = new Sections(input(z), input(y), input(x));
		CompareRun.Outcome r = CompareRun.run(real, v, IjImageFiles.INSTANCE, new FijiProgress(cancel));
		IJ.showStatus("");
		if (r.cancelled) return null;
		if (GraphicsEnvironment.isHeadless()) {
			for (CompareReport.Row row : r.report.rows)
				IJ.log(String.format(Locale.ROOT, "%s\tphase %s\taxis %s\treal %.4f\tgenerated %.4f ± %.4f", row.metric,
					row.phase < 0 ? "all" : String.valueOf(row.phase), row.axis, row.real, row.generatedMean,
					row.generatedSd));
			return r.report;
		}
		ComparePlots.resultsTable(r.report).show("SliceGAN comparison");
		for (Plot p : ComparePlots.all(r.report).values())
			p.show();
		return r.report;
	}

	/** Imports a PyTorch SliceGAN generator into a model file; the summary goes to the Log window. */
	static ImportPyTorchRun.Outcome importPyTorch(OptionValues v, CancelRequest cancel) {
		ImportPyTorchRun.Outcome r = ImportPyTorchRun.run(v, new FijiProgress(cancel));
		IJ.showStatus("");
		return r;
	}

	/** Exports a model's generator as PyTorch SliceGAN files; how to load them goes to the Log window. */
	static ExportPyTorchRun.Outcome exportPyTorch(OptionValues v, CancelRequest cancel) {
		ExportPyTorchRun.Outcome r = ExportPyTorchRun.run(v, new FijiProgress(cancel));
		IJ.showStatus("");
		return r;
	}

	private static InputImage input(ImagePlus imp) {
		return imp == null ? null : IjImageFiles.input(imp);
	}

	static String stem(String title) {
		int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}
}

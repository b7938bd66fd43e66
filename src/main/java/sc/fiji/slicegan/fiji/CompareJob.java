package sc.fiji.slicegan.fiji;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import ij.ImagePlus;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Backends;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.CsvWriter;
import sc.fiji.slicegan.compare.LabelImages;
import sc.fiji.slicegan.compare.RealSection;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.ij.ComparePlots;
import sc.fiji.slicegan.ij.TrainingImages;
import sc.fiji.slicegan.io.ModelFile;
import sc.fiji.slicegan.io.ModelState;
import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;

/** Real-vs-generated statistics; tables and plots are written to a folder when one is given. */
public final class CompareJob {

	private CompareJob() {}

	public static CompareReport run(CompareRequest r, Consumer<String> status) {
		r.check();
		List<RealSection> real = new ArrayList<>();
		LabelVolume z = section(r.image);
		if (r.imageY == null && r.imageX == null) real.add(RealSection.isotropic(z));
		else {
			ImagePlus y = r.imageY != null ? r.imageY : r.imageX, x = r.imageX != null ? r.imageX : r.imageY;
			real.add(new RealSection(z, Axis.Z));
			real.add(new RealSection(section(y), Axis.Y));
			real.add(new RealSection(section(x), Axis.X));
		}
		ModelState model = ModelFile.load(r.modelFile);
		List<LabelVolume> generated = new ArrayList<>();
		try (Backend backend = Backends.open(r.backend, Precision.FLOAT); VolumeGenerator g = new VolumeGenerator(
			backend, model))
		{
			for (int i = 0; i < r.count; i++) {
				status.accept("SliceGAN: generating volume " + (i + 1) + "/" + r.count);
				generated.add(LabelImages.labels(g.generateEdge(r.edge, r.seed + i)));
			}
		}
		CompareReport.Options opt = new CompareReport.Options();
		opt.status = s -> status.accept("SliceGAN compare: " + s);
		CompareReport report = CompareReport.compute(real, generated, opt);
		if (r.outputFolder != null) {
			try {
				Files.createDirectories(r.outputFolder);
				CsvWriter.write(report, r.outputFolder);
			}
			catch (IOException e) {
				throw new BadInputException("Could not write the tables into " + r.outputFolder + ": " + e.getMessage());
			}
			ComparePlots.savePng(report, r.outputFolder);
			status.accept("SliceGAN: tables (CSV) and plots (PNG) written to " + r.outputFolder);
		}
		return report;
	}

	private static LabelVolume section(ImagePlus imp) {
		if (imp.getStackSize() > 1) throw new BadInputException("Image '" + imp.getTitle() + "' is a stack: compare " +
			"takes 2D sections.");
		return LabelImages.labels(TrainingImages.toSource(imp));
	}
}

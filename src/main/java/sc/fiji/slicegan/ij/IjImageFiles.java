package sc.fiji.slicegan.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.measure.Calibration;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.io.AtomicFiles;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.run.ImageFiles;
import sc.fiji.slicegan.run.InputImage;

/** The use cases' image files through ImageJ's own readers and writers (TIFF stacks, PNG plots). */
public final class IjImageFiles implements ImageFiles {

	public static final IjImageFiles INSTANCE = new IjImageFiles();

	private IjImageFiles() {}

	@Override
	public InputImage read(Path file) {
		if (Files.isDirectory(file)) throw new BadInputException(file + " is a folder, not an image file.");
		if (!Files.isRegularFile(file)) throw new BadInputException("Image file " + file + " does not exist.");
		if (ImageFileChecks.isTiff(file)) ImageFileChecks.checkTiff(file);
		ImagePlus imp = IJ.openImage(file.toString());
		if (imp == null) throw new BadInputException("Could not read " + file +
			" as an image: use a TIFF or PNG file.");
		Calibration cal = imp.getCalibration();
		return new InputImage(TrainingImages.toSource(imp), cal.pixelWidth, cal.getUnit(), file, ImageFileChecks.isJpeg(
			file));
	}

	/** An open image as a use case's input, with its calibration and the file it came from (when there is one). */
	public static InputImage input(ImagePlus imp) {
		Calibration cal = imp.getCalibration();
		FileInfo fi = imp.getOriginalFileInfo();
		Path file = fi != null && fi.directory != null && fi.fileName != null && !fi.directory.isEmpty() ? Paths.get(
			fi.directory, fi.fileName) : null;
		if (file != null && Files.isRegularFile(file) && ImageFileChecks.isTiff(file)) ImageFileChecks.checkTiff(file);
		boolean lossy = fi != null && (fi.fileFormat == FileInfo.GIF_OR_JPG && fi.fileName != null && !fi.fileName
			.toLowerCase(java.util.Locale.ROOT).endsWith(".gif") || fi.compression == FileInfo.JPEG) || file != null &&
				Files.isRegularFile(file) && ImageFileChecks.isJpeg(file);
		return new InputImage(TrainingImages.toSource(imp), cal.pixelWidth, cal.getUnit(), file, lossy);
	}

	@Override
	public void writeVolume(GeneratedVolume volume, ModelState model, String modelPath, Path file) throws IOException {
		ImagePlus imp = VolumeStacks.toImagePlus(volume, file.getFileName().toString(), model, modelPath);
		AtomicFiles.writePath(file, tmp -> {
			FileSaver saver = new FileSaver(imp);
			boolean ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp
				.toString());
			if (!ok) throw new IOException("ImageJ could not write the TIFF (is the folder writable?)");
		});
	}

	@Override
	public void writePlots(CompareReport report, Path folder) throws IOException {
		ComparePlots.savePng(report, folder);
	}
}

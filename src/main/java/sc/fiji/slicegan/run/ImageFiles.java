package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Path;

import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.model.ModelState;

/**
 * Image files in the formats ImageJ reads and writes (TIFF stacks, PNG plots). The use cases need them, but the
 * core does not link ImageJ: the command line and Fiji pass the implementation in {@code sc.fiji.slicegan.ij}.
 * Writers write to a temporary file beside the target and rename it, so a target is either whole or untouched.
 */
public interface ImageFiles {

	/** An image or stack from a file; one clear message when it cannot be read. */
	InputImage read(Path file);

	/** A generated volume as a calibrated TIFF stack with its provenance. */
	void writeVolume(GeneratedVolume volume, ModelState model, String modelPath, Path file) throws IOException;

	/** The comparison's plots as PNG files in {@code folder}. */
	void writePlots(CompareReport report, Path folder) throws IOException;
}

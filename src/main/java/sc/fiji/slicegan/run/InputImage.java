package sc.fiji.slicegan.run;

import java.nio.file.Path;

import sc.fiji.slicegan.data.SourceImage;

/** An image a use case reads (a training image, a real section, a generated stack), with its calibration. */
public final class InputImage {

	public final SourceImage image;
	/** Size of a pixel, in {@link #unit}; 1 pixel when the image is not calibrated. */
	public final double pixelSize;
	public final String unit;
	/** The file it was read from, or null; outputs may not replace it. */
	public final Path file;
	/** Whether it was stored with lossy compression (JPEG), which blurs segmented phases into many grey values. */
	public final boolean lossy;

	public InputImage(SourceImage image, double pixelSize, String unit, Path file, boolean lossy) {
		this.image = image;
		this.pixelSize = pixelSize > 0 && Double.isFinite(pixelSize) ? pixelSize : 1;
		this.unit = unit == null || unit.isEmpty() ? "pixel" : unit;
		this.file = file;
		this.lossy = lossy;
	}

	public String name() {
		return image.name;
	}
}

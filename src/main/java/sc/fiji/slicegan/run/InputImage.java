package sc.fiji.slicegan.run;

import sc.fiji.slicegan.data.SourceImage;

/** An image a use case reads (a training image, a real section, a generated stack), with its calibration. */
public final class InputImage {

	public final SourceImage image;
	/** Size of a pixel, in {@link #unit}; 1 pixel when the image is not calibrated. */
	public final double pixelSize;
	public final String unit;

	public InputImage(SourceImage image, double pixelSize, String unit) {
		this.image = image;
		this.pixelSize = pixelSize > 0 && Double.isFinite(pixelSize) ? pixelSize : 1;
		this.unit = unit == null || unit.isEmpty() ? "pixel" : unit;
	}

	public String name() {
		return image.name;
	}
}

package sc.fiji.slicegan.compare;

import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;

/**
 * A real 2D label image and how it sits in the material. {@code normal == null}: the material is
 * taken as isotropic and the image stands for a section in any orientation (one image for all
 * axes). Otherwise the image is a section normal to that axis, and its own x and y run along the
 * other two axes in order (normal x: image x,y = volume y,z; normal y: x,z; normal z: x,y), as when
 * a volume is sliced.
 */
public final class RealSection {
	public final LabelVolume image;
	public final Axis normal;

	public RealSection(LabelVolume image, Axis normal) {
		if (!image.is2D()) throw new IllegalArgumentException("a real section must be a 2D image");
		this.image = image;
		this.normal = normal;
	}

	public static RealSection isotropic(LabelVolume image) {
		return new RealSection(image, null);
	}

	/** Whether this section contains lines along the volume axis. */
	public boolean contains(Axis volumeAxis) {
		return normal != volumeAxis;
	}

	/**
	 * The image axis that runs along the volume axis; for an isotropic section both image axes
	 * qualify and {@code null} is returned.
	 */
	public Axis imageAxisAlong(Axis volumeAxis) {
		if (normal == null) return null;
		if (normal == volumeAxis)
			throw new IllegalArgumentException("section normal to " + volumeAxis + " has no line along it");
		Axis first = normal == Axis.X ? Axis.Y : Axis.X;
		return volumeAxis == first ? Axis.X : Axis.Y;
	}
}

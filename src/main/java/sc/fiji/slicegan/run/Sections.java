package sc.fiji.slicegan.run;

import sc.fiji.slicegan.BadInputException;

/**
 * The 2D images of a material, by the axis their plane is normal to: one image for every plane (isotropic), or
 * the planes normal to z, y and x (anisotropic), where one image given for y or x serves both.
 */
public final class Sections {

	public final InputImage z;
	/** Null when isotropic. */
	public final InputImage y, x;

	public Sections(InputImage z, InputImage y, InputImage x) {
		if (z == null) throw new BadInputException("No image: give the segmented 2D image (the plane normal to z).");
		this.z = z;
		this.y = y != null ? y : x;
		this.x = x != null ? x : y;
		for (InputImage side : new InputImage[] { this.y, this.x })
			if (side != null && (side.image.width != z.image.width || side.image.height != z.image.height))
				throw new BadInputException("The anisotropic images must have the same size: '" + z.name() + "' is " +
					size(z) + ", '" + side.name() + "' is " + size(side) + ". Crop them to one size.");
	}

	public boolean isotropic() {
		return y == null;
	}

	/** The images' names, for provenance: "a.tif" or "a.tif, b.tif[, c.tif]". */
	public String names() {
		if (isotropic()) return z.name();
		return z.name() + ", " + y.name() + (x != y ? ", " + x.name() : "");
	}

	private static String size(InputImage im) {
		return im.image.width + "×" + im.image.height;
	}
}

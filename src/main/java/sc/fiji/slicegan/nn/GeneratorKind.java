package sc.fiji.slicegan.nn;

import sc.fiji.slicegan.BadInputException;

/** How the generator makes its output volume. */
public enum GeneratorKind {
	/** Table 1: transposed convolutions only, the last one to the output channels. */
	TRANSPOSED("transposed"),
	/**
	 * The published code's default ({@code slicegan_rc_nets}): transposed convolutions, then trilinear upsampling of
	 * n voxels to 2(n − 1) along each axis and a 3D convolution with bias to the output channels.
	 */
	RESIZE_CONV("resize-conv");

	/** The name in model files. */
	public final String id;

	GeneratorKind(String id) {
		this.id = id;
	}

	public static GeneratorKind of(String id) {
		for (GeneratorKind k : values())
			if (k.id.equals(id)) return k;
		throw new BadInputException("Unknown generator kind '" + id + "' (known: transposed, resize-conv).");
	}
}

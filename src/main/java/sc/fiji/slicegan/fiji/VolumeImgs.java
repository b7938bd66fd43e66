package sc.fiji.slicegan.fiji;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import net.imglib2.img.Img;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.util.Fraction;
import sc.fiji.slicegan.BadInputException;

/** imglib2 views of 8-bit stacks that share the stacks' pixel arrays: writing one writes the other. */
public final class VolumeImgs {

	private VolumeImgs() {}

	/** An (x, y, z) image over the planes of an 8-bit Z-stack, without copying. */
	public static PlanarImg<UnsignedByteType, ByteArray> wrap(ImagePlus imp) {
		if (imp.getType() != ImagePlus.GRAY8) throw new BadInputException("Image '" + imp.getTitle() + "' is not an " +
			"8-bit stack: generated colour volumes are RGB stacks, use them as ImagePlus.");
		ImageStack stack = imp.getStack();
		List<ByteArray> planes = new ArrayList<>();
		for (int z = 1; z <= stack.getSize(); z++)
			planes.add(new ByteArray((byte[]) stack.getPixels(z)));
		PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, new long[] { imp.getWidth(), imp
			.getHeight(), stack.getSize() }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/** The same, typed as a plain {@code Img} for scripts. */
	public static Img<UnsignedByteType> asImg(ImagePlus imp) {
		return wrap(imp);
	}
}

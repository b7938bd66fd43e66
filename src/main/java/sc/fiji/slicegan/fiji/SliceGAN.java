package sc.fiji.slicegan.fiji;

import java.nio.file.Paths;

import ij.ImagePlus;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * SliceGAN for scripts (Groovy, Jython, BeanShell):
 *
 * <pre>
 * import sc.fiji.slicegan.fiji.SliceGAN
 * vol = SliceGAN.train(imp, "/data/blobs.zip", "small", 500)   // ImagePlus Z-stack, model saved
 * img = SliceGAN.generate("/data/blobs.zip", 128, 7)             // Img&lt;UnsignedByteType&gt; (x, y, z)
 * </pre>
 *
 * Images returned as {@code Img} share their pixel arrays with an ImagePlus; {@link #img} wraps any 8-bit
 * stack the same way.
 */
public final class SliceGAN {

	private SliceGAN() {}

	/** Trains on one image (isotropic), saves the model, returns a 64³ volume generated at the end. */
	public static ImagePlus train(ImagePlus image, String modelFile, String network, int iterations) {
		TrainRequest r = new TrainRequest();
		r.image = image;
		r.network = network;
		r.config.iterations = iterations;
		r.modelFile = Paths.get(modelFile);
		return new TrainingJob(r).run().volume;
	}

	/** A calibrated Z-stack of edge {@code edge} from a model file. */
	public static ImagePlus generateStack(String modelFile, int edge, long seed) {
		GenerateRequest r = new GenerateRequest();
		r.modelFile = Paths.get(modelFile);
		r.edge = edge;
		r.seed = seed;
		return GenerateJob.run(r, s -> {}).get(0);
	}

	/** The same volume as an imglib2 image (x, y, z), for scripts that process it further. */
	public static Img<UnsignedByteType> generate(String modelFile, int edge, long seed) {
		return img(generateStack(modelFile, edge, seed));
	}

	/** An 8-bit stack as an imglib2 image over the same pixel arrays. */
	public static Img<UnsignedByteType> img(ImagePlus stack) {
		return VolumeImgs.asImg(stack);
	}
}

package sc.fiji.slicegan.fiji;

import ij.ImagePlus;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.run.GenerateOptions;
import sc.fiji.slicegan.run.OptionValues;
import sc.fiji.slicegan.run.TrainOptions;

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
		OptionValues v = new OptionValues(TrainOptions.ALL, OptionValues.Naming.FIJI);
		v.set(TrainOptions.MODEL_FILE, modelFile).set(TrainOptions.NETWORK, network).set(TrainOptions.ITERATIONS,
			iterations);
		return FijiRuns.train(image, null, null, v, new CancelRequest());
	}

	/** A calibrated Z-stack of edge {@code edge} from a model file. */
	public static ImagePlus generateStack(String modelFile, int edge, long seed) {
		OptionValues v = new OptionValues(GenerateOptions.ALL, OptionValues.Naming.FIJI);
		v.set(GenerateOptions.MODEL_FILE, modelFile).set(GenerateOptions.EDGE, edge).set(GenerateOptions.SEED, seed);
		return FijiRuns.generate(v, new CancelRequest()).get(0);
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

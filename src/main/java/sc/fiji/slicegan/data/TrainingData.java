package sc.fiji.slicegan.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import sc.fiji.slicegan.BadInputException;

/**
 * What the critics learn from, per slicing axis of the generated volumes. Axis 0 slices are the planes normal
 * to z (rows y, columns x), axis 1 normal to y (rows z, columns x), axis 2 normal to x (rows z, columns y).
 * <ul>
 * <li>isotropic: one 2D image feeds all three axes and one critic;</li>
 * <li>anisotropic: a 2D image per axis (two axes may share one image, and then a critic); one critic per
 * distinct image;</li>
 * <li>a 3D stack: the stack's own slices along each axis, one critic per axis.</li>
 * </ul>
 * Crops are drawn on the fly from these (nothing is pre-cut).
 */
public final class TrainingData {

	public final ImageKind kind;
	/** The phases (n-phase only, else null). */
	public final PhaseTable phases;
	public final int channels;
	/** Which source (and critic) each of the three slicing axes uses. */
	private final int[] sourceOfAxis;
	private final List<AxisSource> sources;

	private TrainingData(ImageKind kind, PhaseTable phases, int channels, int[] sourceOfAxis,
		List<AxisSource> sources)
	{
		this.kind = kind;
		this.phases = phases;
		this.channels = channels;
		this.sourceOfAxis = sourceOfAxis;
		this.sources = sources;
	}

	/** One 2D image for every axis, or a 3D stack whose slices along each axis train that axis. */
	public static TrainingData isotropic(SourceImage image, ImageKind kindOrNull, int cropEdge) {
		if (image.is3D()) return fromStack(image, kindOrNull, cropEdge);
		return anisotropic(image, image, image, kindOrNull, cropEdge);
	}

	/**
	 * One 2D image per axis, named by the axis the image plane is normal to; passing the same image for two axes
	 * makes them share a critic.
	 */
	public static TrainingData anisotropic(SourceImage zNormal, SourceImage yNormal, SourceImage xNormal,
		ImageKind kindOrNull, int cropEdge)
	{
		SourceImage[] byAxis = { zNormal, yNormal, xNormal };
		List<SourceImage> distinct = new ArrayList<>();
		Map<SourceImage, Integer> index = new IdentityHashMap<>();
		int[] sourceOfAxis = new int[3];
		for (int a = 0; a < 3; a++) {
			SourceImage im = byAxis[a];
			if (im == null) throw new BadInputException("An image is needed for each of the x, y and z axes.");
			if (im.is3D()) throw new BadInputException("Image " + im + " is a stack; anisotropic training takes one " +
				"2D image per axis. Use a single 3D stack on its own instead.");
			sourceOfAxis[a] = index.computeIfAbsent(im, k -> {
				distinct.add(k);
				return distinct.size() - 1;
			});
		}
		ImageKind kind = resolveKind(distinct, kindOrNull);
		PhaseTable phases = kind == ImageKind.N_PHASE ? commonPhases(distinct) : null;
		List<AxisSource> sources = new ArrayList<>();
		for (SourceImage im : distinct) {
			checkSize(im, im.width, im.height, cropEdge);
			sources.add(encode(im, kind, phases, 1, im.height, im.width, (s, y, x) -> im.value(x, y, 0)));
		}
		return new TrainingData(kind, phases, channelsOf(kind, phases), sourceOfAxis, sources);
	}

	private static TrainingData fromStack(SourceImage v, ImageKind kindOrNull, int cropEdge) {
		List<SourceImage> one = new ArrayList<>();
		one.add(v);
		ImageKind kind = resolveKind(one, kindOrNull);
		PhaseTable phases = kind == ImageKind.N_PHASE ? PhaseTable.of(v) : null;
		checkSize(v, v.width, v.height, cropEdge);
		checkSize(v, v.width, v.depth, cropEdge);
		checkSize(v, v.height, v.depth, cropEdge);
		List<AxisSource> sources = new ArrayList<>();
		sources.add(encode(v, kind, phases, v.depth, v.height, v.width, (s, y, x) -> v.value(x, y, s)));
		sources.add(encode(v, kind, phases, v.height, v.depth, v.width, (s, y, x) -> v.value(x, s, y)));
		sources.add(encode(v, kind, phases, v.width, v.depth, v.height, (s, y, x) -> v.value(s, x, y)));
		return new TrainingData(kind, phases, channelsOf(kind, phases), new int[] { 0, 1, 2 }, sources);
	}

	/** The training edge of the smallest network preset, suggested to users with small images. */
	private static final int SMALLEST_PRESET_EDGE = 32;

	/** Share of the pixels that 2–3 values must hold for a many-valued image to count as a blurred segmentation. */
	static final double BLURRED_SHARE = 0.85;

	private static ImageKind resolveKind(List<SourceImage> images, ImageKind requested) {
		boolean rgb = images.get(0).rgb;
		for (SourceImage im : images)
			if (im.rgb != rgb) throw new BadInputException("The training images mix colour and grey images: " +
				"convert them to one type.");
		if (requested == ImageKind.N_PHASE && rgb) throw new BadInputException("Image " + images.get(0) + " is an " +
			"RGB colour image, but n-phase training needs a segmented (label) image. Segment it, or choose colour.");
		if (requested != null) return requested;
		if (rgb) return ImageKind.COLOUR;
		for (SourceImage im : images)
			if (PhaseTable.distinctValues(im, PhaseTable.MAX_PHASES).size() > PhaseTable.MAX_PHASES) {
				int[] blurred = PhaseTable.blurredPhases(im, BLURRED_SHARE);
				if (blurred != null) throw new BadInputException("Image " + im +
					" looks like a segmented image whose " +
					"edges were blurred (by JPEG compression or scaling): most of its pixels are " + Arrays.toString(
						blurred) + ", but it has " + PhaseTable.distinctValues(im, 256).size() +
					"+ grey values. Segment it " +
					"again (Image > Adjust > Threshold) and save it as TIFF or PNG, or choose data type grayscale to train " +
					"on its grey values as they are.");
				return ImageKind.GRAYSCALE;
			}
		return ImageKind.N_PHASE;
	}

	private static PhaseTable commonPhases(List<SourceImage> images) {
		PhaseTable first = PhaseTable.of(images.get(0));
		for (int i = 1; i < images.size(); i++) {
			PhaseTable other = PhaseTable.of(images.get(i));
			if (!other.equals(first)) throw new BadInputException("The anisotropic training images have different " +
				"phases: " + images.get(0) + " has " + first + ", " + images.get(i) + " has " + other + ". They must " +
				"be segmented with the same label values.");
		}
		return first;
	}

	private static void checkSize(SourceImage im, int w, int h, int crop) {
		if (w < crop || h < crop) throw new BadInputException("Image " + im + " is smaller than the " + crop + "×" +
			crop + " training crops (the network's volume edge). Use a larger image" + (crop > SMALLEST_PRESET_EDGE
				? ", or a network with a smaller training volume (the small network: " + SMALLEST_PRESET_EDGE + "³)"
				: "") +
			".");
	}

	private static int channelsOf(ImageKind kind, PhaseTable phases) {
		switch (kind) {
			case N_PHASE:
				return phases.count();
			case GRAYSCALE:
				return 1;
			default:
				return 3;
		}
	}

	private interface Pixel {
		int at(int image, int row, int column);
	}

	private static AxisSource encode(SourceImage im, ImageKind kind, PhaseTable phases, int images, int h, int w,
		Pixel pixel)
	{
		int channels = channelsOf(kind, phases);
		float[] data = new float[images * channels * h * w];
		int plane = h * w;
		for (int s = 0; s < images; s++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int v = pixel.at(s, y, x);
					int base = s * channels * plane + y * w + x;
					switch (kind) {
						case N_PHASE:
							int p = phases.phaseOf(v);
							if (p < 0) throw new BadInputException("Image " + im + " holds value " + v +
								", which is not one of its phases " + phases + ".");
							data[base + p * plane] = 1f;
							break;
						case GRAYSCALE:
							data[base] = im.rgb ? luminance(v) : (float) (v - im.minValue) / (im.maxValue -
								im.minValue);
							break;
						default:
							if (!im.rgb) throw new BadInputException("Image " + im + " is not a colour image: train " +
								"it as grayscale or n-phase.");
							data[base] = ((v >> 16) & 0xff) / 255f;
							data[base + plane] = ((v >> 8) & 0xff) / 255f;
							data[base + 2 * plane] = (v & 0xff) / 255f;
					}
				}
		return new AxisSource(im.toString(), images, channels, h, w, data);
	}

	private static float luminance(int rgb) {
		return (0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff)) / 255f;
	}

	/** Number of distinct sources, which is the number of critics. */
	public int sourceCount() {
		return sources.size();
	}

	public AxisSource source(int i) {
		return sources.get(i);
	}

	public int sourceOfAxis(int axis) {
		return sourceOfAxis[axis];
	}

	public String describe() {
		StringBuilder sb = new StringBuilder(kind.label());
		if (phases != null) sb.append(" ").append(phases);
		sb.append(", ").append(sources.size() == 1 ? "isotropic" : sources.size() + " critics");
		return sb.toString();
	}

}

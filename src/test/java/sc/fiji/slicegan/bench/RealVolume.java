package sc.fiji.slicegan.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.IntBinaryOperator;

import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.metrics.Downsampling;
import sc.fiji.slicegan.metrics.LabelVolume;

/**
 * A real segmented 3D volume for the fidelity benchmark: read from an 8-bit TIFF stack, its grey values turned into
 * labels 0…n−1 (phase i is the i-th value), optionally mode-downsampled; the 2D slice to train on, and seeded random
 * crops to compare with.
 */
final class RealVolume {

	final String name;
	/** Labels 0…n−1. */
	final LabelVolume labels;
	/** The grey value of each label. */
	final int[] values;

	private RealVolume(String name, LabelVolume labels, int[] values) {
		this.name = name;
		this.labels = labels;
		this.values = values;
	}

	static RealVolume load(Path file, int factor) throws IOException {
		TiffStack st = TiffStack.read(file);
		int w = st.width, h = st.height, d = st.planes.length;
		TreeSet<Integer> distinct = new TreeSet<>();
		byte[][] planes = new byte[d][];
		for (int z = 0; z < d; z++) {
			planes[z] = st.planes[z];
			for (byte b : planes[z])
				distinct.add(b & 0xff);
		}
		if (distinct.size() > 10) throw new IllegalArgumentException(file + " has " + distinct.size() +
			" grey values: not a segmented volume");
		int[] values = distinct.stream().mapToInt(Integer::intValue).toArray();
		byte[] label = new byte[256];
		for (int i = 0; i < values.length; i++)
			label[values[i]] = (byte) i;
		for (byte[] p : planes)
			for (int i = 0; i < p.length; i++)
				p[i] = label[p[i] & 0xff];
		LabelVolume v = new LabelVolume(w, h, planes);
		if (factor > 1) v = Downsampling.mode(v, factor);
		String name = file.getFileName().toString().replaceAll("\\.tiff?$", "");
		return new RealVolume(name, v, values);
	}

	boolean is3D() {
		return !labels.is2D();
	}

	int[] labelSet() {
		int[] l = new int[values.length];
		for (int i = 0; i < l.length; i++)
			l[i] = i;
		return l;
	}

	/** The xy plane at {@code z} with the phases' grey values, as a training image. */
	SourceImage slice(int z) {
		return plane(" z" + z, labels.width, labels.height, (x, y) -> labels.planes[z][x + y * labels.width]);
	}

	/** The whole volume as a 3D training image: each axis trains on the volume's own slices along it. */
	SourceImage whole() {
		return SourceImage.ofBytes(name, labels.width, labels.height, greyPlanes(labels, values));
	}

	/** The planes of {@code v} with each label replaced by its phase's grey value. */
	static byte[][] greyPlanes(LabelVolume v, int[] values) {
		byte[][] planes = new byte[v.depth][];
		for (int z = 0; z < v.depth; z++) {
			byte[] p = v.planes[z];
			planes[z] = new byte[p.length];
			for (int i = 0; i < p.length; i++)
				planes[z][i] = (byte) values[p[i] & 0xff];
		}
		return planes;
	}

	/**
	 * The xz plane at {@code y} as a training image for the y axis: rows along z and columns along x, as the
	 * generator's volumes are cut along y.
	 */
	SourceImage planeNormalToY(int y) {
		return plane(" y" + y, labels.width, labels.depth, (x, z) -> labels.planes[z][x + y * labels.width]);
	}

	/** The yz plane at {@code x} as a training image for the x axis: rows along z and columns along y. */
	SourceImage planeNormalToX(int x) {
		return plane(" x" + x, labels.height, labels.depth, (y, z) -> labels.planes[z][x + y * labels.width]);
	}

	/** A plane of {@code width} × {@code height} pixels, the grey value of {@code label(column, row)} in each. */
	private SourceImage plane(String suffix, int width, int height, IntBinaryOperator label) {
		byte[] p = new byte[width * height];
		for (int row = 0; row < height; row++)
			for (int col = 0; col < width; col++)
				p[col + row * width] = (byte) values[label.applyAsInt(col, row) & 0xff];
		return SourceImage.ofBytes(name + suffix, width, height, p);
	}

	/** {@code n} crops of {@code edge}³ at positions drawn from {@code seed}. */
	List<LabelVolume> crops(int n, int edge, long seed) {
		if (edge > labels.width || edge > labels.height || edge > labels.depth) throw new IllegalArgumentException(
			"crops of " + edge + "³ do not fit in " + labels);
		Random rng = new Random(seed);
		List<LabelVolume> out = new ArrayList<>();
		for (int k = 0; k < n; k++)
			out.add(labels.crop(rng.nextInt(labels.width - edge + 1), rng.nextInt(labels.height - edge + 1), rng
				.nextInt(
					labels.depth - edge + 1), edge, edge, edge));
		return out;
	}
}

package sc.fiji.slicegan.generate;

import java.util.Random;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.io.ModelState;
import sc.fiji.slicegan.nn.Generator;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * Generates volumes of any size from a trained model: a latent grid of edge lf ≥ 4 (the output edge grows with
 * lf), evaluation-mode batch normalisation, seeded noise, and the output turned into labels (argmax → phase
 * values) or 0–255 intensities.
 */
public final class VolumeGenerator implements AutoCloseable {

	public static final int MIN_LATENT = 4;

	private final Backend backend;
	private final ModelState model;
	private final Generator generator;

	public VolumeGenerator(Backend backend, ModelState model) {
		this.backend = backend;
		this.model = model;
		this.generator = new Generator(backend, model.spec);
		for (java.util.Map.Entry<String, Tensor> e : generator.state().entrySet()) {
			float[] v = model.tensors.get(e.getKey());
			if (v == null || v.length != e.getValue().size()) throw new BadInputException("The model has no " +
				"generator tensor '" + e.getKey() + "' of the right size: the file is damaged.");
			backend.upload(v, e.getValue());
		}
	}

	/** The smallest latent edge (≥ 4) whose volume is at least {@code edge} voxels across. */
	public static int latentFor(NetSpec spec, int edge) {
		if (edge < 1) throw new BadInputException("The volume edge must be at least 1 voxel, not " + edge + ".");
		int lf = MIN_LATENT;
		while (spec.volumeEdge(lf) < edge) {
			if (lf > 4096) throw new BadInputException("A " + edge + "³ volume is too large to generate.");
			lf++;
		}
		return lf;
	}

	/** A volume of edge {@code edge} (the smallest latent grid that covers it, cropped). */
	public GeneratedVolume generateEdge(int edge, long seed) {
		return generateEdge(edge, seed, NOT_PERIODIC);
	}

	/**
	 * A volume of edge {@code edge}; along the axes marked periodic (z, y, x) the volume wraps around, and the edge
	 * is rounded up to a multiple of {@link Periodic#period(NetSpec)} voxels (a periodic volume cannot be cropped).
	 */
	public GeneratedVolume generateEdge(int edge, long seed, boolean[] periodic) {
		if (edge < 1) throw new BadInputException("The volume edge must be at least 1 voxel, not " + edge + ".");
		if (!any(periodic)) return generate(latentFor(model.spec, edge), new int[] { edge, edge, edge }, seed,
			NOT_PERIODIC);
		int step = Periodic.period(model.spec);
		int cells = (edge + step - 1) / step;
		int rounded = cells * step;
		return generate(Math.max(MIN_LATENT, latentFor(model.spec, rounded)), cells, new int[] { rounded, rounded,
			rounded }, seed, periodic);
	}

	/** The full volume of latent edge {@code lf}. */
	public GeneratedVolume generate(int lf, long seed) {
		return generate(lf, seed, NOT_PERIODIC);
	}

	/**
	 * The volume of latent edge {@code lf}: {@code spec.volumeEdge(lf)} voxels along ordinary axes and
	 * {@code lf·period} voxels along periodic ones.
	 */
	public GeneratedVolume generate(int lf, long seed, boolean[] periodic) {
		checkLatent(lf);
		int full = model.spec.volumeEdge(lf), tile = lf * Periodic.period(model.spec);
		int[] size = new int[3];
		for (int a = 0; a < 3; a++)
			size[a] = periodic[a] ? tile : full;
		return generate(lf, lf, size, seed, periodic);
	}

	private static final boolean[] NOT_PERIODIC = new boolean[3];

	private static boolean any(boolean[] b) {
		return b[0] || b[1] || b[2];
	}

	private void checkLatent(int lf) {
		if (lf < MIN_LATENT) throw new BadInputException("The latent size must be at least " + MIN_LATENT +
			" (got " + lf + "): the generator learned from a " + model.spec.latentSize + "³ latent grid, and smaller " +
			"grids lose the overlap its first layer was trained with.");
	}

	private GeneratedVolume generate(int lf, int[] size, long seed, boolean[] periodic) {
		return generate(lf, lf, size, seed, periodic);
	}

	/**
	 * Draws noise on a latent grid of {@code lf} cells along ordinary axes and {@code cells} along periodic ones;
	 * a periodic axis is extended on both sides with wrapped-around noise, so that the window kept is one period of
	 * an endless periodic volume (see {@link Periodic}).
	 */
	private GeneratedVolume generate(int lf, int cells, int[] size, long seed, boolean[] periodic) {
		checkLatent(lf);
		NetSpec spec = model.spec;
		int margin = any(periodic) ? Periodic.margin(spec, cells) : 0;
		int[] base = new int[3], extent = new int[3], offset = new int[3];
		for (int a = 0; a < 3; a++) {
			base[a] = periodic[a] ? cells : lf;
			extent[a] = periodic[a] ? cells + 2 * margin : lf;
			offset[a] = periodic[a] ? margin * Periodic.period(spec) : 0;
		}
		Random rng = new Random(seed);
		float[] noise = new float[spec.latentChannels * base[0] * base[1] * base[2]];
		for (int i = 0; i < noise.length; i++)
			noise[i] = (float) rng.nextGaussian();
		return fromNoise(noise, base, extent, margin, offset, size, seed, periodic);
	}

	/** Generates from given noise on the {@code base} grid (wrapped to {@code extent} along periodic axes). */
	GeneratedVolume fromNoise(float[] noise, int[] base, int[] extent, int margin, int[] offset, int[] size, long seed,
		boolean[] periodic)
	{
		float[] latent = any(periodic) ? wrap(noise, model.spec.latentChannels, base, extent, margin, periodic) : noise;
		try (Tensor z = backend.allocate(generator.latentShape(1, extent[0], extent[1], extent[2]))) {
			backend.upload(latent, z);
			Tensor out = generator.forward(z, false);
			int[] full = { out.dim(2), out.dim(3), out.dim(4) };
			return model.kind == ImageKind.N_PHASE ? labels(out, full, offset, size, seed) : intensities(out, full,
				offset, size, seed);
		}
		// the generator keeps its buffers for the next volume of the same size until close()
	}

	/** A periodic volume (all three axes) from given noise of {@code cells}³ cells, for tests. */
	GeneratedVolume periodicFromNoise(float[] noise, int cells) {
		int margin = Periodic.margin(model.spec, cells), step = Periodic.period(model.spec);
		int[] base = { cells, cells, cells }, extent = new int[3], offset = new int[3], size = new int[3];
		java.util.Arrays.fill(extent, cells + 2 * margin);
		java.util.Arrays.fill(offset, margin * step);
		java.util.Arrays.fill(size, cells * step);
		return fromNoise(noise, base, extent, margin, offset, size, 0, new boolean[] { true, true, true });
	}

	/** The noise repeated periodically along the periodic axes, {@code margin} cells beyond each side. */
	private static float[] wrap(float[] noise, int channels, int[] base, int[] extent, int margin,
		boolean[] periodic)
	{
		float[] out = new float[channels * extent[0] * extent[1] * extent[2]];
		int i = 0;
		for (int c = 0; c < channels; c++)
			for (int z = 0; z < extent[0]; z++)
				for (int y = 0; y < extent[1]; y++)
					for (int x = 0; x < extent[2]; x++) {
						int bz = periodic[0] ? Math.floorMod(z - margin, base[0]) : z;
						int by = periodic[1] ? Math.floorMod(y - margin, base[1]) : y;
						int bx = periodic[2] ? Math.floorMod(x - margin, base[2]) : x;
						out[i++] = noise[((c * base[0] + bz) * base[1] + by) * base[2] + bx];
					}
		return out;
	}

	private GeneratedVolume labels(Tensor out, int[] full, int[] offset, int[] size, long seed) {
		byte[] labels = new byte[full[0] * full[1] * full[2]];
		backend.argmaxChannels(out, 0, labels);
		int[] values = model.phaseValues;
		boolean indices = false;
		for (int v : values)
			indices |= v > 255 || v < 0;
		byte[] lut = new byte[values.length];
		for (int i = 0; i < lut.length; i++)
			lut[i] = (byte) (indices ? i : values[i]);
		int w = size[2], h = size[1];
		byte[][] planes = new byte[size[0]][];
		java.util.stream.IntStream.range(0, size[0]).parallel().forEach(z -> {
			byte[] plane = new byte[w * h];
			for (int y = 0; y < h; y++)
				System.arraycopy(labels, ((z + offset[0]) * full[1] + y + offset[1]) * full[2] + offset[2], plane, y * w,
					w);
			for (int i = 0; i < plane.length; i++)
				plane[i] = lut[plane[i]];
			planes[z] = plane;
		});
		return new GeneratedVolume(w, h, size[0], 1, planes, indices, seed);
	}

	private GeneratedVolume intensities(Tensor out, int[] full, int[] offset, int[] size, long seed) {
		int channels = model.spec.channels;
		int voxels = full[0] * full[1] * full[2];
		float[] values = new float[channels * voxels];
		backend.download(out, values);
		int w = size[2], h = size[1];
		byte[][] planes = new byte[size[0] * channels][w * h];
		for (int z = 0; z < size[0]; z++)
			for (int c = 0; c < channels; c++)
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						float v = values[c * voxels + ((z + offset[0]) * full[1] + y + offset[1]) * full[2] + x + offset[2]];
						planes[z * channels + c][x + y * w] = (byte) Math.round(Math.max(0, Math.min(1, v)) * 255);
					}
		return new GeneratedVolume(w, h, size[0], channels, planes, false, seed);
	}

	@Override
	public void close() {
		generator.close();
	}
}

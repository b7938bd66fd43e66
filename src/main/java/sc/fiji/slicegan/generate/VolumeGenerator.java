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
		return generate(latentFor(model.spec, edge), edge, seed);
	}

	/** The full volume of latent edge {@code lf}. */
	public GeneratedVolume generate(int lf, long seed) {
		return generate(lf, -1, seed);
	}

	private GeneratedVolume generate(int lf, int crop, long seed) {
		if (lf < MIN_LATENT) throw new BadInputException("The latent size must be at least " + MIN_LATENT +
			" (got " + lf + "): the generator learned from a " + model.spec.latentSize + "³ latent grid, and smaller " +
			"grids lose the overlap its first layer was trained with.");
		int full = model.spec.volumeEdge(lf);
		int edge = crop > 0 ? crop : full;
		try (Tensor z = backend.allocate(generator.latentShape(1, lf))) {
			Random rng = new Random(seed);
			float[] noise = new float[(int) z.size()];
			for (int i = 0; i < noise.length; i++)
				noise[i] = (float) rng.nextGaussian();
			backend.upload(noise, z);
			Tensor out = generator.forward(z, false);
			return model.kind == ImageKind.N_PHASE ? labels(out, full, edge, seed) : intensities(out, full, edge, seed);
		}
		// the generator keeps its buffers for the next volume of the same size until close()
	}

	private GeneratedVolume labels(Tensor out, int full, int edge, long seed) {
		byte[] labels = new byte[full * full * full];
		backend.argmaxChannels(out, 0, labels);
		int[] values = model.phaseValues;
		boolean indices = false;
		for (int v : values)
			indices |= v > 255 || v < 0;
		byte[] lut = new byte[values.length];
		for (int i = 0; i < lut.length; i++)
			lut[i] = (byte) (indices ? i : values[i]);
		byte[][] planes = new byte[edge][];
		java.util.stream.IntStream.range(0, edge).parallel().forEach(z -> {
			byte[] plane = new byte[edge * edge];
			for (int y = 0; y < edge; y++)
				System.arraycopy(labels, (z * full + y) * full, plane, y * edge, edge);
			for (int i = 0; i < plane.length; i++)
				plane[i] = lut[plane[i]];
			planes[z] = plane;
		});
		return new GeneratedVolume(edge, edge, edge, 1, planes, indices, seed);
	}

	private GeneratedVolume intensities(Tensor out, int full, int edge, long seed) {
		int channels = model.spec.channels;
		int voxels = full * full * full;
		float[] values = new float[channels * voxels];
		backend.download(out, values);
		byte[][] planes = new byte[edge * channels][edge * edge];
		for (int z = 0; z < edge; z++)
			for (int c = 0; c < channels; c++)
				for (int y = 0; y < edge; y++)
					for (int x = 0; x < edge; x++) {
						float v = values[c * voxels + (z * full + y) * full + x];
						planes[z * channels + c][x + y * edge] = (byte) Math.round(Math.max(0, Math.min(1, v)) * 255);
					}
		return new GeneratedVolume(edge, edge, edge, channels, planes, false, seed);
	}

	@Override
	public void close() {
		generator.close();
	}
}

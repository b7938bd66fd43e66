package sc.fiji.slicegan.generate;

import java.util.Random;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.nn.Generator;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.nn.OutputWindow;
import sc.fiji.slicegan.progress.Progress;

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
	/** At most this many output voxels per slab (a cap for tests; the memory budget decides by default). */
	private long tileVoxels = Long.MAX_VALUE;
	/** Bytes of backend memory a slab's tensors may take at their peak. */
	private long memoryBudget = DEFAULT_MEMORY_BUDGET;
	/**
	 * 2.75 GiB: with a GPU's own overhead (context, cuDNN workspace), a 480³ Table 1 volume (two slabs) stays
	 * within 4 GB, and so does a 1024³ one (16 slabs).
	 */
	public static final long DEFAULT_MEMORY_BUDGET = 11L << 28;
	/** Hears each slab and is asked for a cancel between slabs. */
	private Progress progress = Progress.NONE;
	/** Labels of one slab are handed over in one buffer, which must stay addressable by an int. */
	private static final long MAX_SLAB_BYTES = 1L << 30;

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
		if (!any(periodic)) {
			int lf = latentFor(model.spec, edge);
			return generate(lf, lf, new int[] { edge, edge, edge }, seed, NOT_PERIODIC);
		}
		int step = Periodic.period(model.spec);
		int cells = (edge + step - 1) / step;
		int rounded = cells * step;
		return generate(latentFor(model.spec, rounded), cells, new int[] { rounded, rounded,
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
		int full = model.spec.volumeEdge(lf), tile = lf * Periodic.period(model.spec);
		int[] size = new int[3];
		for (int a = 0; a < 3; a++)
			size[a] = periodic[a] ? tile : full;
		return generate(lf, lf, size, seed, periodic);
	}

	private static final boolean[] NOT_PERIODIC = new boolean[3];

	/**
	 * What a request needs, worked out before anything is made: {bytes of the volume's voxels, bytes of tensor memory
	 * for its thinnest slab, values per voxel}. Sizes no array can hold are refused. {@code latent} &gt; 0 decides
	 * the size (as {@link #generate(int, long, boolean[])}), else {@code edge} (as {@link #generateEdge}).
	 */
	public long[] requirement(int latent, int edge, boolean[] periodic) {
		NetSpec spec = model.spec;
		int step = Periodic.period(spec);
		int lf, cells;
		long[] size = new long[3];
		if (latent > 0) {
			lf = cells = latent;
			for (int a = 0; a < 3; a++)
				size[a] = periodic[a] ? (long) lf * step : spec.volumeEdge(lf);
		}
		else if (!any(periodic)) {
			lf = cells = latentFor(spec, edge);
			size[0] = size[1] = size[2] = edge;
		}
		else {
			cells = (edge + step - 1) / step;
			lf = latentFor(spec, cells * step);
			size[0] = size[1] = size[2] = (long) cells * step;
		}
		checkLatent(lf);
		int margin = any(periodic) ? Periodic.margin(spec, cells) : 0;
		long[] extent = new long[3];
		long noise = spec.latentChannels;
		for (int a = 0; a < 3; a++) {
			extent[a] = periodic[a] ? cells + 2L * margin : lf;
			noise *= extent[a];
		}
		if (noise > Integer.MAX_VALUE - 8 || size[1] * size[2] > Integer.MAX_VALUE - 8) throw new BadInputException(
			"A " + size[2] + "×" + size[1] + "×" + size[0] + " volume is too large to generate in one piece: make " +
				"several smaller ones.");
		int channels = model.kind == ImageKind.N_PHASE ? 1 : spec.channels;
		int[] e = new int[3], offset = new int[3], kept = new int[3];
		for (int a = 0; a < 3; a++) {
			e[a] = (int) extent[a];
			offset[a] = periodic[a] ? margin * step : 0;
			kept[a] = (int) size[a];
		}
		Slabs slabs = new Slabs(e, periodic, offset, kept);
		long slab = generator.peakBytes(slabs.window(step, 0, Math.min(kept[0], step)));
		return new long[] { size[0] * size[1] * size[2] * channels, slab, channels };
	}

	private static boolean any(boolean[] b) {
		return b[0] || b[1] || b[2];
	}

	private void checkLatent(int lf) {
		if (lf < MIN_LATENT) throw new BadInputException("The latent size must be at least " + MIN_LATENT +
			" (got " + lf + "): the generator learned from a " + model.spec.latentSize + "³ latent grid, and smaller " +
			"grids lose the overlap its first layer was trained with.");
	}

	/**
	 * Draws noise on a latent grid of {@code lf} cells along ordinary axes and {@code cells} along periodic ones,
	 * and generates from it.
	 */
	private GeneratedVolume generate(int lf, int cells, int[] size, long seed, boolean[] periodic) {
		checkLatent(lf);
		Random rng = new Random(seed);
		float[] noise = new float[model.spec.latentChannels * cells(lf, cells, periodic, 0) * cells(lf, cells, periodic,
			1) * cells(lf, cells, periodic, 2)];
		for (int i = 0; i < noise.length; i++)
			noise[i] = (float) rng.nextGaussian();
		return fromNoise(noise, lf, cells, size, seed, periodic);
	}

	private static int cells(int lf, int cells, boolean[] periodic, int axis) {
		return periodic[axis] ? cells : lf;
	}

	/** A periodic volume (all three axes) from given noise of {@code cells}³ cells, for tests. */
	GeneratedVolume periodicFromNoise(float[] noise, int cells) {
		int edge = cells * Periodic.period(model.spec);
		return fromNoise(noise, cells, cells, new int[] { edge, edge, edge }, 0, new boolean[] { true, true, true });
	}

	/**
	 * Generates from given noise on a grid of {@code lf} cells along ordinary axes and {@code cells} along periodic
	 * ones, keeping {@code size} voxels. A periodic axis is extended on both sides with wrapped-around noise, so that
	 * the window kept is one period of an endless periodic volume (see {@link Periodic}). Large volumes are made in
	 * slabs along z: each slab runs the generator on the latent cells its voxels depend on (see
	 * {@link Periodic#latentRange}), so the result is the same as in one piece while the memory needed is that of a
	 * slab.
	 */
	GeneratedVolume fromNoise(float[] noise, int lf, int cells, int[] size, long seed, boolean[] periodic) {
		NetSpec spec = model.spec;
		int margin = any(periodic) ? Periodic.margin(spec, cells) : 0;
		int step = Periodic.period(spec);
		int[] base = new int[3], extent = new int[3], offset = new int[3];
		for (int a = 0; a < 3; a++) {
			base[a] = cells(lf, cells, periodic, a);
			extent[a] = periodic[a] ? cells + 2 * margin : lf;
			offset[a] = periodic[a] ? margin * step : 0;
		}
		int c = spec.latentChannels;
		float[] latent = any(periodic) ? wrap(noise, c, base, extent, margin, periodic) : noise;
		boolean labels = model.kind == ImageKind.N_PHASE;
		int channels = labels ? 1 : spec.channels;
		Slabs slabs = new Slabs(extent, periodic, offset, size);
		int d = size[0], slab = slabs.depth();
		byte[][] planes = new byte[d * channels][];
		byte[] lut = labels ? labelTable() : null;
		for (int z0 = 0; z0 < d; z0 += slab) {
			progress.checkCancelled();
			progress.progress((double) z0 / d);
			OutputWindow window = slabs.window(slab, z0, Math.min(d, z0 + slab));
			int from = window.first[0], depth = window.count[0];
			float[] part = new float[c * depth * extent[1] * extent[2]];
			int plane = extent[1] * extent[2];
			for (int ch = 0; ch < c; ch++)
				System.arraycopy(latent, (ch * extent[0] + from) * plane, part, ch * depth * plane, depth * plane);
			try (Tensor z = upload(part, depth, extent)) {
				if (labels) generator.evaluateLabels(z, window, lut, planes, z0);
				else intensities(generator.evaluateWindow(z, window), window.size, z0, planes);
			}
		}
		progress.progress(1);
		return new GeneratedVolume(size[2], size[1], d, channels, planes, labels && phaseIndices(), seed);
	}

	private Tensor upload(float[] latent, int depth, int[] extent) {
		Tensor z = backend.allocate(generator.latentShape(1, depth, extent[1], extent[2]));
		backend.upload(latent, z);
		return z;
	}

	/** At most this many output voxels per slab: larger volumes are generated in slabs along z (see {@link #fromNoise}). */
	public void setTileVoxels(long voxels) {
		this.tileVoxels = Math.max(1, voxels);
	}

	/** Bytes of backend memory a slab's tensors may take (default {@link #DEFAULT_MEMORY_BUDGET}). */
	public void setMemoryBudget(long bytes) {
		this.memoryBudget = Math.max(1, bytes);
	}

	/**
	 * Where the next volumes report their slabs; a cancel between two slabs throws
	 * {@link sc.fiji.slicegan.progress.CancelledException}.
	 */
	public void setProgress(Progress p) {
		this.progress = p;
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

	/** True when the phases' values do not fit in a byte, so the planes hold phase indices. */
	private boolean phaseIndices() {
		for (int v : model.phaseValues)
			if (v > 255 || v < 0) return true;
		return false;
	}

	/** Byte per phase index: the phase's value, or the index itself when the values do not fit in a byte. */
	private byte[] labelTable() {
		int[] values = model.phaseValues;
		boolean indices = phaseIndices();
		byte[] lut = new byte[values.length];
		for (int i = 0; i < lut.length; i++)
			lut[i] = (byte) (indices ? i : values[i]);
		return lut;
	}

	/**
	 * How a volume is cut into slabs along z: the whole latent grid has {@code extent} cells per axis (periodic axes
	 * extended by their margins), and the voxels kept are {@code size} from {@code offset} (the margins' voxels).
	 */
	private final class Slabs {

		final int[] extent, offset, size;
		final boolean[] periodic;

		Slabs(int[] extent, boolean[] periodic, int[] offset, int[] size) {
			this.extent = extent;
			this.periodic = periodic;
			this.offset = offset;
			this.size = size;
		}

		/**
		 * The window of output rows z0 … z1 − 1 when slabs are {@code slab} rows: the latent rows they depend on (all of
		 * them for one piece) and the voxels kept.
		 */
		OutputWindow window(int slab, int z0, int z1) {
			int[] rows = slab < size[0] ? latentRows(z0, z1) : new int[] { 0, extent[0] - 1 };
			return new OutputWindow(extent, new int[] { rows[0], 0, 0 }, new int[] { rows[1] - rows[0] + 1, extent[1],
				extent[2] }, periodic, new int[] { offset[0] + z0, offset[1], offset[2] }, new int[] { z1 - z0, size[1],
					size[2] });
		}

		/** The latent rows {from, to} that output rows z0 … z1 − 1 depend on. */
		private int[] latentRows(int z0, int z1) {
			NetSpec spec = model.spec;
			int rows = extent[0], step = spec.transposedStride();
			long[] hidden = Periodic.hiddenRows(spec, offset[0] + z0, offset[0] + z1 - 1, spec.hiddenEdge(rows),
				periodic[0]);
			long[] reads = Periodic.latentRange(spec, hidden[0], hidden[1]);
			int from = (int) Math.max(0, reads[0]);
			int to = (int) Math.min(rows - 1, reads[1]);
			// the transposed convolutions' padding crops the slab's own edges: widen it until its rows are in it
			while (from > 0 && hidden[0] < (long) step * from)
				from--;
			while (to < rows - 1 && hidden[1] - (long) step * from >= spec.hiddenEdge(to - from + 1))
				to++;
			return new int[] { from, to };
		}

		/**
		 * Output rows per slab: all of them when the whole volume fits the memory budget; else the most whole periods
		 * (a period is the output rows one latent cell makes) whose slab, latent margins included, fits; never fewer
		 * than one period (thinner slabs would mostly recompute their margins), and never more than the tile cap.
		 */
		int depth() {
			int d = size[0], step = Periodic.period(model.spec);
			long plane = (long) model.spec.volumeEdge(extent[1]) * model.spec.volumeEdge(extent[2]);
			int cap = (int) Math.max(1, Math.min(d, tileVoxels / plane));
			if (cap >= d && fits(d)) return d;
			if (cap < step) return cap;
			for (int slab = Math.min(cap, d - 1) / step * step; slab >= step; slab -= step)
				if (fits(slab)) return slab;
			return step;
		}

		/** Whether every slab of that many rows fits the memory budget. */
		private boolean fits(int slab) {
			int d = size[0];
			if ((long) slab * size[1] * size[2] > MAX_SLAB_BYTES) return false;
			for (int z0 = 0; z0 < d; z0 += slab)
				if (generator.peakBytes(window(slab, z0, Math.min(d, z0 + slab))) > memoryBudget) return false;
			return true;
		}
	}

	/** 0–255 intensities of a window {@code [C, depth, h, w]} into planes (z0 + z)·channels + c. */
	private void intensities(float[] values, int[] size, int z0, byte[][] planes) {
		int channels = model.spec.channels, plane = size[1] * size[2];
		for (int z = 0; z < size[0]; z++)
			for (int c = 0; c < channels; c++) {
				byte[] out = new byte[plane];
				int at = (c * size[0] + z) * plane;
				for (int i = 0; i < plane; i++)
					out[i] = (byte) Math.round(Math.max(0, Math.min(1, values[at + i])) * 255);
				planes[(z0 + z) * channels + c] = out;
			}
	}

	@Override
	public void close() {
		generator.close();
	}
}

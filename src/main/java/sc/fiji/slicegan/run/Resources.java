package sc.fiji.slicegan.run;

import java.util.function.IntFunction;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Memory;
import sc.fiji.slicegan.data.TrainingData;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.NetSpec;
import sc.fiji.slicegan.train.TrainingMemory;

/**
 * The memory a run needs, compared with what there is before anything is allocated: a setting that would not fit
 * is refused with a message that names the limit and a value that fits, instead of failing (or crashing the JVM)
 * later.
 */
final class Resources {

	/** A backend indexes tensors with an int. */
	private static final long MAX_TENSOR_BYTES = 4L * Integer.MAX_VALUE;

	private Resources() {}

	static void checkTraining(NetSpec spec, TrainingConfig c, TrainingData data, Backend backend, OptionValues v) {
		int[] axes = new int[data.sourceCount()];
		for (int a = 0; a < 3; a++)
			axes[data.sourceOfAxis(a)]++;
		long images = 0;
		for (int i = 0; i < data.sourceCount(); i++)
			images += data.source(i).data.length;
		long available = backend.availableMemory();
		long finalImages = images;
		IntFunction<TrainingMemory> need = x -> TrainingMemory.of(spec, c, axes, finalImages);
		TrainingMemory m = need.apply(0);
		if (m.bytes <= available && m.largestTensor <= MAX_TENSOR_BYTES) return;
		// the setting whose reduction alone fits, among those that scale the biggest buffers
		String fits = largest(v, TrainOptions.REAL_CROPS, c.realPerAxis(spec.trainingEdge()), x -> {
			TrainingConfig t = c.copy();
			t.realPerAxis = x;
			return TrainingMemory.of(spec, t, axes, finalImages);
		}, available);
		if (fits == null) fits = largest(v, TrainOptions.CRITIC_BATCH, c.criticBatch, x -> {
			TrainingConfig t = c.copy();
			t.criticBatch = x;
			t.realPerAxis = Math.min(c.realPerAxis, x * spec.trainingEdge());
			return TrainingMemory.of(spec, t, axes, finalImages);
		}, available);
		if (fits == null) fits = largest(v, TrainOptions.GENERATOR_BATCH, c.generatorBatch, x -> {
			TrainingConfig t = c.copy();
			t.generatorBatch = x;
			return TrainingMemory.of(spec, t, axes, finalImages);
		}, available);
		throw new BadInputException("These training settings need about " + Memory.format(m.bytes) + " of tensor " +
			"memory" + (m.largestTensor > MAX_TENSOR_BYTES ? ", with one tensor larger than a backend can index" : "") +
			", but " + backend.memoryName() + " has " + Memory.format(available) + ". " + (fits != null ? fits
				: "Use the small network, or smaller batches."));
	}

	/** "With real_crops 512 (or less) it fits." for the largest value in [1, current) that fits, else null. */
	private static String largest(OptionValues v, Option o, int current, IntFunction<TrainingMemory> need,
		long available)
	{
		int lo = 0, hi = current - 1;
		while (lo < hi) {
			int mid = lo + (hi - lo + 1) / 2;
			TrainingMemory m = need.apply(mid);
			if (m.bytes <= available && m.largestTensor <= MAX_TENSOR_BYTES) lo = mid;
			else hi = mid - 1;
		}
		return lo >= 1 ? "With " + v.name(o) + " " + lo + " (or less) it fits." : null;
	}

	/**
	 * A request for {@code count} volumes of the given size and channels, {@code kept} of them in memory at once:
	 * the voxels must fit the Java heap, and a slab of the generator's tensors the backend.
	 */
	static void checkGeneration(VolumeGenerator g, int latent, int edge, boolean[] periodic, int count, boolean keepAll,
		Backend backend, OptionValues v, Option sizeOption)
	{
		long[] need = g.requirement(latent, edge, periodic);
		long voxels = need[0], slabBytes = need[1];
		long heap = Memory.heapAvailable();
		long kept = keepAll ? voxels * count : voxels;
		if (kept > heap) {
			long perVolume = heap / (keepAll ? count : 1);
			long fitEdge = (long) Math.cbrt(perVolume / Math.max(1, need[2]));
			throw new BadInputException("The volume" + (keepAll && count > 1 ? "s" : "") + " would take " + Memory
				.format(
					kept) + " of memory, but Java has " + Memory.format(heap) +
				" left (-Xmx; Fiji: Edit > Options > Memory & " +
				"Threads). " + (keepAll && count > 1 ? "Generate fewer at a time, or " : "") +
				"choose an edge of at most " +
				fitEdge + ".");
		}
		long available = backend.availableMemory();
		if (slabBytes > available) throw new BadInputException("Even the thinnest slab of this volume needs " + Memory
			.format(slabBytes) + " of tensor memory, but " + backend.memoryName() + " has " + Memory.format(available) +
			". Choose a smaller " + v.name(sizeOption) + ".");
	}
}

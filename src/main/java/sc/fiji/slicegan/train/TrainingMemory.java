package sc.fiji.slicegan.train;

import sc.fiji.slicegan.model.TrainingConfig;
import sc.fiji.slicegan.nn.LayerSpec;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * The backend memory a training run's tensors take, from the networks and settings alone, before anything is
 * allocated: the parameters with their gradients and Adam moments; the generator's activations (and gradients)
 * for the m_D and m_G batches; each critic's activations, gradients and penalty adjoints for its batches of fake
 * slices, real crops and penalty samples; the real crops and the training images. It follows the buffers
 * {@link Trainer} allocates; it errs on the high side, since buffers of equal shape are counted apart.
 */
public final class TrainingMemory {

	/** Bytes in all, and of the largest single tensor (a backend indexes a tensor with an int). */
	public final long bytes, largestTensor;

	private long sum, largest;

	private TrainingMemory(NetSpec spec, TrainingConfig c, int[] axesPerCritic, long imageFloats) {
		int l = spec.trainingEdge(), ch = spec.channels;
		int realN = c.realPerAxis(l), penalty = Math.min(c.penaltyPerAxis(), Math.min(realN, c.criticBatch * l));
		long generatorParams = 0, criticParams = 0;
		int in = spec.latentChannels;
		for (LayerSpec g : spec.generator) {
			generatorParams += (long) in * g.out * g.k * g.k * g.k + 4L * g.out;
			in = g.out;
		}
		in = ch;
		for (LayerSpec d : spec.critic) {
			criticParams += (long) in * d.out * d.k * d.k;
			in = d.out;
		}
		// value, gradient and Adam's two moments
		add(4 * (generatorParams + axesPerCritic.length * criticParams));
		generator(spec, c.criticBatch, false);
		generator(spec, c.generatorBatch, true);
		for (int k : axesPerCritic) {
			long fake = (long) k * c.criticBatch * l, real = (long) k * realN, mixed = (long) k * penalty, gen =
				(long) k *
					c.generatorBatch * l;
			critic(spec, fake, 2);
			critic(spec, real, 2);
			critic(spec, mixed, 3);
			critic(spec, gen, 2);
			// the objectives' slices, mixed samples, slice gradients and real crops
			tensor(fake * ch * l * l);
			tensor(mixed * ch * l * l);
			tensor(2 * gen * ch * l * l);
			tensor(real * ch * l * l);
		}
		add(imageFloats);
		bytes = 4 * sum;
		largestTensor = 4 * largest;
	}

	/** The estimate for a run of these networks and settings on training images of {@code imageFloats} values. */
	public static TrainingMemory of(NetSpec spec, TrainingConfig c, int[] axesPerCritic, long imageFloats) {
		return new TrainingMemory(spec, c, axesPerCritic, imageFloats);
	}

	private void generator(NetSpec spec, int batch, boolean withGradients) {
		long[] e = { spec.latentSize, spec.latentSize, spec.latentSize };
		int n = spec.generator.size();
		for (int i = 0; i < n; i++) {
			LayerSpec g = spec.generator.get(i);
			long edge = g.transposedOutput((int) e[0]);
			e[0] = e[1] = e[2] = edge;
			long voxels = (long) batch * g.out * edge * edge * edge;
			// conv output, and batch-norm/ReLU output (hidden) or softmax output (last); their gradients
			tensor(voxels);
			tensor(voxels);
			if (withGradients) {
				tensor(voxels);
				tensor(voxels);
			}
		}
	}

	/** A critic's buffers for a batch of rows: activations and {@code copies − 1} more of each (gradients, adjoints). */
	private void critic(NetSpec spec, long rows, int copies) {
		long edge = spec.trainingEdge();
		for (LayerSpec d : spec.critic) {
			edge = d.convOutput((int) edge);
			for (int i = 0; i < copies; i++)
				tensor(rows * d.out * edge * edge);
		}
	}

	private void tensor(long floats) {
		add(floats);
		largest = Math.max(largest, floats);
	}

	private void add(long floats) {
		sum = sum + floats < sum ? Long.MAX_VALUE : sum + floats;
	}
}

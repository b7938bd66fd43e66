package sc.fiji.slicegan.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import sc.fiji.slicegan.BadInputException;

/**
 * The shape of a SliceGAN: the generator (3D transposed convolutions from a latent grid) and the critic (2D
 * convolutions down to one score per slice). The last generator layer's and the first critic layer's channel
 * counts equal {@link #channels}.
 */
public final class NetSpec {

	public final int channels;
	public final Head head;
	public final int latentChannels;
	/** Spatial edge of the latent grid during training (the paper uses 4, so that layer 1 learns overlap). */
	public final int latentSize;
	public final List<LayerSpec> generator;
	public final List<LayerSpec> critic;

	public NetSpec(int channels, Head head, int latentChannels, int latentSize, List<LayerSpec> generator,
		List<LayerSpec> critic)
	{
		this.channels = channels;
		this.head = head;
		this.latentChannels = latentChannels;
		this.latentSize = latentSize;
		this.generator = Collections.unmodifiableList(new ArrayList<>(generator));
		this.critic = Collections.unmodifiableList(new ArrayList<>(critic));
	}

	/** The paper's Table 1: a 64³ generator and a 64² critic. */
	public static NetSpec table1(int channels, Head head) {
		return new NetSpec(channels, head, 64, 4, Arrays.asList(new LayerSpec(512, 4, 2, 2), new LayerSpec(256, 4, 2,
			2), new LayerSpec(128, 4, 2, 2), new LayerSpec(64, 4, 2, 2), new LayerSpec(channels, 4, 2, 3)), Arrays
				.asList(new LayerSpec(64, 4, 2, 1), new LayerSpec(128, 4, 2, 1), new LayerSpec(256, 4, 2, 1),
					new LayerSpec(512, 4, 2, 1), new LayerSpec(1, 4, 2, 0)));
	}

	/** A small network for quick runs on a CPU: 32³ volumes, a quarter of Table 1's width, one layer fewer. */
	public static NetSpec small(int channels, Head head) {
		return new NetSpec(channels, head, 16, 4, Arrays.asList(new LayerSpec(64, 4, 2, 2), new LayerSpec(32, 4, 2,
			2), new LayerSpec(16, 4, 2, 2), new LayerSpec(channels, 4, 2, 3)), Arrays.asList(new LayerSpec(16, 4, 2,
				1), new LayerSpec(32, 4, 2, 1), new LayerSpec(64, 4, 2, 1), new LayerSpec(1, 4, 2, 0)));
	}

	public static NetSpec preset(String name, int channels, Head head) {
		switch (name) {
			case "table1": return table1(channels, head);
			case "small": return small(channels, head);
			default: throw new BadInputException("Unknown network preset '" + name + "'. Use 'table1' (the paper's " +
				"networks, 64³ training volumes) or 'small' (32³, for quick CPU runs).");
		}
	}

	/** Edge of the generated volume for a latent grid of edge {@code lf}. */
	public int volumeEdge(int lf) {
		int n = lf;
		for (LayerSpec l : generator)
			n = l.transposedOutput(n);
		return n;
	}

	/** Edge of the training volumes and of the critic's input images. */
	public int trainingEdge() {
		return volumeEdge(latentSize);
	}

	/**
	 * Checks the paper's rules for a uniform information density in the generator (s &lt; k, k mod s = 0,
	 * p ≥ k − s), the channel counts, and that the critic reduces a training slice to one score.
	 *
	 * @throws BadInputException naming the rule and the layer that breaks it
	 */
	public NetSpec validate() {
		if (channels < 1) throw new BadInputException("The network needs at least one channel, not " + channels + ".");
		if (latentChannels < 1 || latentSize < 1) throw new BadInputException("The latent grid must have at least " +
			"one channel and edge 1; it has " + latentChannels + " channels and edge " + latentSize + ".");
		if (generator.isEmpty() || critic.isEmpty()) throw new BadInputException("The generator and the critic " +
			"need at least one layer each.");
		for (int i = 0; i < generator.size(); i++) {
			LayerSpec l = generator.get(i);
			String where = "Generator layer " + (i + 1) + " " + l + ": ";
			if (l.k < 1 || l.s < 1 || l.p < 0 || l.out < 1) throw new BadInputException(where + "kernel, stride and " +
				"channels must be positive and padding not negative.");
			if (l.s >= l.k) throw new BadInputException(where + "breaks the rule s < k (stride smaller than the " +
				"kernel), so some output voxels would get no kernel overlap. Use e.g. {4,2,2}, {6,3,3} or {6,2,4}.");
			if (l.k % l.s != 0) throw new BadInputException(where + "breaks the rule k mod s = 0, so the kernel " +
				"overlap (information density) would vary from voxel to voxel. Use e.g. {4,2,2}, {6,3,3} or {6,2,4}.");
			if (l.p < l.k - l.s) throw new BadInputException(where + "breaks the rule p ≥ k − s, so the edges of " +
				"the volume would see fewer kernel overlaps than its inside. Use e.g. {4,2,2}, {6,3,3} or {6,2,4}.");
		}
		if (generator.get(generator.size() - 1).out != channels) throw new BadInputException(
			"The generator's last layer must output " + channels + " channels (one per phase or colour channel).");
		int edge = trainingEdge();
		if (edge < 1) throw new BadInputException("The generator produces no voxels from a latent edge of " +
			latentSize + ".");
		int n = edge;
		for (int i = 0; i < critic.size(); i++) {
			LayerSpec l = critic.get(i);
			if (l.k < 1 || l.s < 1 || l.p < 0 || l.out < 1) throw new BadInputException("Critic layer " + (i + 1) +
				" " + l + ": kernel, stride and channels must be positive and padding not negative.");
			n = l.convOutput(n);
			if (n < 1) throw new BadInputException("Critic layer " + (i + 1) + " " + l + " gets an image smaller " +
				"than its kernel: the critic does not fit the " + edge + "² training slices.");
		}
		if (n != 1 || critic.get(critic.size() - 1).out != 1) throw new BadInputException("The critic must reduce " +
			"a " + edge + "² slice to a single score (1 channel, 1×1); it ends at " + critic.get(critic.size() - 1)
				.out + "×" + n + "×" + n + ".");
		return this;
	}

	@Override
	public String toString() {
		return "G " + latentChannels + "×" + latentSize + "³ → " + generator + " (" + trainingEdge() + "³), D " +
			critic;
	}
}

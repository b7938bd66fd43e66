package sc.fiji.slicegan.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import sc.fiji.slicegan.BadInputException;

/**
 * The shape of a SliceGAN: the generator (3D transposed convolutions from a latent grid, for the resize-convolution
 * kind followed by an upsampling and a 3D convolution) and the critic (2D convolutions down to one score per slice).
 * The last generator layer's and the first critic layer's channel counts equal {@link #channels}.
 */
public final class NetSpec {

	public final int channels;
	public final Head head;
	public final int latentChannels;
	/** Spatial edge of the latent grid during training (the paper uses 4, so that layer 1 learns overlap). */
	public final int latentSize;
	public final GeneratorKind kind;
	/**
	 * The generator's layers: transposed convolutions, each but the last followed by batch norm and ReLU; for
	 * {@link GeneratorKind#RESIZE_CONV} the last layer is the convolution (with bias) after the upsampling, and every
	 * transposed convolution has batch norm and ReLU.
	 */
	public final List<LayerSpec> generator;
	public final List<LayerSpec> critic;

	public NetSpec(int channels, Head head, int latentChannels, int latentSize, List<LayerSpec> generator,
		List<LayerSpec> critic)
	{
		this(channels, head, latentChannels, latentSize, GeneratorKind.TRANSPOSED, generator, critic);
	}

	public NetSpec(int channels, Head head, int latentChannels, int latentSize, GeneratorKind kind,
		List<LayerSpec> generator, List<LayerSpec> critic)
	{
		this.channels = channels;
		this.head = head;
		this.latentChannels = latentChannels;
		this.latentSize = latentSize;
		this.kind = kind;
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

	/**
	 * The published code's default generator ({@code slicegan_rc_nets} with its run_slicegan.py settings): a 32-channel
	 * 4³ latent, transposed convolutions {4,2,2} to 1024, 512, 128 and 32 channels with batch norm and ReLU (4 → 6 → 10 →
	 * 18 → 34), trilinear upsampling to 2(n − 1) = 66, a 3D convolution {3,1,0} with bias to the output channels (64³);
	 * Table 1's critic. (The published state dict also holds a fifth transposed convolution and batch norm that its
	 * forward pass never uses; they are left out.)
	 */
	public static NetSpec rc(int channels, Head head) {
		return new NetSpec(channels, head, 32, 4, GeneratorKind.RESIZE_CONV, Arrays.asList(new LayerSpec(1024, 4, 2, 2),
			new LayerSpec(512, 4, 2, 2), new LayerSpec(128, 4, 2, 2), new LayerSpec(32, 4, 2, 2), new LayerSpec(
				channels,
				3, 1, 0)), table1(channels, head).critic);
	}

	/**
	 * The resize-convolution generator at the small network's size, for quick runs on a CPU: the small generator's
	 * first three transposed convolutions (4 → 6 → 10 → 18), trilinear upsampling to 34 and a 3D convolution {3,1,0}
	 * with bias to the output channels (32³); the small critic. On real materials it matches the surface area that
	 * the small transposed generator overshoots (README, "Fidelity on real materials").
	 */
	public static NetSpec smallRc(int channels, Head head) {
		NetSpec small = small(channels, head);
		List<LayerSpec> g = new ArrayList<>(small.generator.subList(0, small.generator.size() - 1));
		g.add(new LayerSpec(channels, 3, 1, 0));
		return new NetSpec(channels, head, small.latentChannels, small.latentSize, GeneratorKind.RESIZE_CONV, g,
			small.critic);
	}

	/**
	 * small-rc at twice the width, for the best volume a CPU trains in about a quarter of an hour: a 16-channel 4³
	 * latent, transposed convolutions to 128, 64 and 32 channels (4 → 6 → 10 → 18), trilinear upsampling to 34 and a 3D
	 * convolution {3,1,0} with bias to the output channels (32³); a critic of 32, 64 and 128 channels. On the NMC
	 * cathode it halves the minority phase's diffusivity excess that small-rc leaves (README, "Fidelity on real
	 * materials"), at about twice the cost per iteration.
	 */
	public static NetSpec smallRcWide(int channels, Head head) {
		return new NetSpec(channels, head, 16, 4, GeneratorKind.RESIZE_CONV, Arrays.asList(new LayerSpec(128, 4, 2,
			2), new LayerSpec(64, 4, 2, 2), new LayerSpec(32, 4, 2, 2), new LayerSpec(channels, 3, 1, 0)), Arrays
				.asList(new LayerSpec(32, 4, 2, 1), new LayerSpec(64, 4, 2, 1), new LayerSpec(128, 4, 2, 1),
					new LayerSpec(1, 4, 2, 0)));
	}

	/** The preset names {@link #preset} knows. */
	public static final List<String> PRESETS = Collections.unmodifiableList(Arrays.asList("table1", "small",
		"small-rc", "small-rc-wide", "rc"));

	public static NetSpec preset(String name, int channels, Head head) {
		switch (name) {
			case "table1":
				return table1(channels, head);
			case "small":
				return small(channels, head);
			case "small-rc":
				return smallRc(channels, head);
			case "small-rc-wide":
				return smallRcWide(channels, head);
			case "rc":
				return rc(channels, head);
			default:
				throw new BadInputException("Unknown network preset '" + name + "'. Use 'table1' (the paper's " +
					"networks, 64³ training volumes), 'small' (32³, for quick CPU runs), 'small-rc' (32³, the " +
					"resize-convolution generator at the small size), 'small-rc-wide' (small-rc at twice the " +
					"width) or 'rc' (the published code's " +
					"resize-convolution generator, 64³).");
		}
	}

	/** The transposed convolutions: every generator layer but, for the resize-convolution kind, the last. */
	public List<LayerSpec> transposed() {
		return kind == GeneratorKind.RESIZE_CONV ? generator.subList(0, generator.size() - 1) : generator;
	}

	/** The convolution after the upsampling (resize-convolution kind), else null. */
	public LayerSpec resizeConv() {
		return kind == GeneratorKind.RESIZE_CONV ? generator.get(generator.size() - 1) : null;
	}

	/** The product of the transposed convolutions' strides: how far a shift of the latent grid by one cell moves their output. */
	public int transposedStride() {
		int s = 1;
		for (LayerSpec l : transposed())
			s *= l.s;
		return s;
	}

	/** Edge after the transposed convolutions for a latent edge {@code lf}. */
	public int hiddenEdge(int lf) {
		int n = lf;
		for (LayerSpec l : transposed())
			n = l.transposedOutput(n);
		return n;
	}

	/** The resize-convolution generator upsamples n voxels to 2(n − 1), as the published code. */
	public static int upsampledEdge(int n) {
		return 2 * (n - 1);
	}

	/**
	 * The upsampling's scale (input voxels per output voxel, see {@code Upsampling}) along an axis of {@code hidden}
	 * voxels: PyTorch's n / 2(n − 1) for a volume of its own, exactly ½ along an endless (periodic) axis, the limit
	 * of large volumes, where a shift of the latent grid by one cell must shift the volume by whole voxels.
	 */
	public static double upsampleScale(int hidden, boolean endless) {
		return endless ? 0.5 : (double) hidden / upsampledEdge(hidden);
	}

	/** Output edge of generator layer i for an input edge n. */
	public int layerOutput(int i, int n) {
		LayerSpec l = generator.get(i);
		boolean last = i == generator.size() - 1;
		return last && kind == GeneratorKind.RESIZE_CONV ? l.convOutput(upsampledEdge(n)) : l.transposedOutput(n);
	}

	/** Edge of the generated volume for a latent grid of edge {@code lf}. */
	public int volumeEdge(int lf) {
		int n = lf;
		for (int i = 0; i < generator.size(); i++)
			n = layerOutput(i, n);
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
		validateGenerator();
		if (critic.isEmpty()) throw new BadInputException("The critic needs at least one layer.");
		int edge = trainingEdge();
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
			"a " + edge + "² slice to a single score (1 channel, 1×1); it ends at " + critic.get(critic.size() -
				1).out + "×" + n + "×" + n + ".");
		return this;
	}

	/**
	 * The generator's half of {@link #validate()}: enough for generating, which never runs the critic (a generator
	 * imported from PyTorch keeps the critic its files describe, whatever it is).
	 */
	public NetSpec validateGenerator() {
		if (channels < 1) throw new BadInputException("The network needs at least one channel, not " + channels + ".");
		if (latentChannels < 1 || latentSize < 1) throw new BadInputException("The latent grid must have at least " +
			"one channel and edge 1; it has " + latentChannels + " channels and edge " + latentSize + ".");
		if (generator.isEmpty()) throw new BadInputException("The generator needs at least one layer.");
		LayerSpec rc = resizeConv();
		if (rc != null) {
			String where = "The resize convolution " + rc + ": ";
			if (generator.size() < 2) throw new BadInputException(where + "needs at least one transposed convolution " +
				"before it.");
			if (rc.k < 1 || rc.out < 1) throw new BadInputException(where + "kernel and channels must be positive.");
			if (rc.s != 1 || rc.p != 0) throw new BadInputException(where + "must have stride 1 and no padding (it " +
				"runs over the upsampled volume as in the published generator).");
		}
		for (int i = 0; i < transposed().size(); i++) {
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
		if (trainingEdge() < 1) throw new BadInputException("The generator produces no voxels from a latent edge of " +
			latentSize + ".");
		return this;
	}

	@Override
	public String toString() {
		return "G " + latentChannels + "×" + latentSize + "³ → " + (resizeConv() == null ? generator : transposed() +
			", upsampling, " + resizeConv()) + " (" + trainingEdge() + "³), D " + critic;
	}
}

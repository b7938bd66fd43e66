package sc.fiji.slicegan.nn;

import sc.fiji.slicegan.BadInputException;

/** How new networks' parameters are drawn; seeded, so a seed gives the same numbers on every backend. */
public enum Init {
	/**
	 * PyTorch's defaults, from which the published code's models train (it never applies its {@code weights_init}):
	 * convolution weights kaiming-uniform with a = √5, i.e. U(−b, b) with b = 1/√fan_in where fan_in =
	 * weight.size(1)·k^d (for a transposed convolution, whose weights are [in, out, k…], that is out·k^d), convolution
	 * biases U(−b, b) with the same bound, batch-norm scales 1 and shifts 0.
	 */
	PYTORCH("pytorch"),
	/** SliceGAN's {@code weights_init}: convolution weights N(0, 0.02²), batch-norm scales N(1, 0.02²), shifts and biases 0. */
	NORMAL("normal");

	/** The name in settings and model files. */
	public final String id;

	Init(String id) {
		this.id = id;
	}

	public static Init of(String id) {
		for (Init i : values())
			if (i.id.equals(id)) return i;
		throw new BadInputException("Unknown initialisation '" + id + "': use 'pytorch' or 'normal'.");
	}
}

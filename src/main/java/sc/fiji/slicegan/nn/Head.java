package sc.fiji.slicegan.nn;

/** The generator's last activation. */
public enum Head {
	/** Softmax over the channels: one probability per phase (n-phase material). */
	SOFTMAX,
	/** (tanh + 1)/2 per channel: intensities in [0, 1] (grayscale and colour). */
	TANH
}

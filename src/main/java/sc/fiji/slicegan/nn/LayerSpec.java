package sc.fiji.slicegan.nn;

/** One convolution layer: output channels, kernel size, stride and padding (the same along every axis). */
public final class LayerSpec {

	public final int out, k, s, p;

	public LayerSpec(int out, int k, int s, int p) {
		this.out = out;
		this.k = k;
		this.s = s;
		this.p = p;
	}

	/** Output edge of a transposed convolution: (n − 1)s − 2p + k. */
	public int transposedOutput(int n) {
		return (n - 1) * s - 2 * p + k;
	}

	/** Output edge of a convolution: ⌊(n + 2p − k)/s⌋ + 1. */
	public int convOutput(int n) {
		return (n + 2 * p - k) / s + 1;
	}

	@Override
	public String toString() {
		return out + "{" + k + "," + s + "," + p + "}";
	}
}

package sc.fiji.slicegan.backend;

import java.util.Arrays;

/**
 * A dense, row-major (C-order) array owned by a {@link Backend}. Its memory may live off the Java heap or on
 * a GPU, so the only way in or out is the backend's upload/download.
 */
public interface Tensor extends AutoCloseable {

	/** The extents, outermost first. */
	int[] shape();

	default long size() {
		long n = 1;
		for (int d : shape())
			n *= d;
		return n;
	}

	default int dim(int i) {
		return shape()[i];
	}

	/** Releases the memory now rather than at garbage collection. Idempotent. */
	@Override
	void close();

	static String describe(int[] shape) {
		return Arrays.toString(shape);
	}
}

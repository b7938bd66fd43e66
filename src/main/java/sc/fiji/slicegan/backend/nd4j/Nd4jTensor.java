package sc.fiji.slicegan.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

import sc.fiji.slicegan.backend.Tensor;

/** A tensor backed by a C-ordered ND4J array (off-heap memory). */
final class Nd4jTensor implements Tensor {

	final INDArray array;
	private final int[] shape;
	/** False for a view, whose memory belongs to another tensor. */
	private final boolean owner;
	private boolean closed;

	Nd4jTensor(INDArray array, int[] shape) {
		this(array, shape, true);
	}

	Nd4jTensor(INDArray array, int[] shape, boolean owner) {
		this.array = array;
		this.shape = shape.clone();
		this.owner = owner;
	}

	@Override
	public int[] shape() {
		return shape.clone();
	}

	@Override
	public void close() {
		if (closed) return;
		closed = true;
		if (owner) array.close();
	}

	@Override
	public String toString() {
		return "Tensor" + Tensor.describe(shape);
	}
}

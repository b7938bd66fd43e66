package sc.fiji.slicegan.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

import sc.fiji.slicegan.backend.Tensor;

/** A tensor backed by a C-ordered ND4J array (off-heap memory). */
final class Nd4jTensor implements Tensor {

	final INDArray array;
	private final int[] shape;
	private boolean closed;

	Nd4jTensor(INDArray array, int[] shape) {
		this.array = array;
		this.shape = shape.clone();
	}

	@Override
	public int[] shape() {
		return shape.clone();
	}

	@Override
	public void close() {
		if (closed) return;
		closed = true;
		array.close();
	}

	@Override
	public String toString() {
		return "Tensor" + Tensor.describe(shape);
	}
}

package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaFree;

import org.bytedeco.javacpp.Pointer;

import sc.fiji.slicegan.backend.Tensor;

/** A float32 tensor in GPU memory. */
final class CudaTensor implements Tensor {

	final Pointer data;
	final long size;
	private final int[] shape;
	private boolean closed;

	CudaTensor(Pointer data, int[] shape) {
		this.data = data;
		this.shape = shape.clone();
		long n = 1;
		for (int d : shape)
			n *= d;
		this.size = n;
	}

	@Override
	public int[] shape() {
		return shape.clone();
	}

	@Override
	public long size() {
		return size;
	}

	@Override
	public void close() {
		if (closed) return;
		closed = true;
		cudaFree(data);
	}

	@Override
	public String toString() {
		return "CudaTensor" + Tensor.describe(shape);
	}
}

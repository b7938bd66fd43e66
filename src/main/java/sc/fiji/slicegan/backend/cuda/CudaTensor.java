package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaFree;

import org.bytedeco.javacpp.Pointer;

import sc.fiji.slicegan.backend.Tensor;

/** A float32 tensor in GPU memory. */
final class CudaTensor implements Tensor {

	final Pointer data;
	final long size;
	private final int[] shape;
	/** False for a view, whose memory belongs to another tensor. */
	private final boolean owner;
	/** Stored channels last ([N, H, W, C] in memory for the logical [N, C, H, W]); only 4D tensors can be. */
	final boolean nhwc;
	private boolean closed;

	CudaTensor(Pointer data, int[] shape, boolean owner, boolean nhwc) {
		this.owner = owner;
		this.nhwc = nhwc;
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
		if (owner) cudaFree(data);
	}

	@Override
	public String toString() {
		return "CudaTensor" + Tensor.describe(shape);
	}
}

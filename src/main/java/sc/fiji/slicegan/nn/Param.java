package sc.fiji.slicegan.nn;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;

/** A trainable tensor with its gradient and, once an optimiser has touched it, Adam's two moments. */
public final class Param implements AutoCloseable {

	public final String name;
	public final Tensor value;
	public final Tensor grad;
	Tensor m, v;

	Param(Backend backend, String name, int... shape) {
		this.name = name;
		this.value = backend.allocate(shape);
		this.grad = backend.allocate(shape);
	}

	/** Adam's first moment, allocated (zero) on first use. */
	public Tensor firstMoment(Backend backend) {
		if (m == null) m = backend.allocate(value.shape());
		return m;
	}

	/** Adam's second moment, allocated (zero) on first use. */
	public Tensor secondMoment(Backend backend) {
		if (v == null) v = backend.allocate(value.shape());
		return v;
	}

	@Override
	public void close() {
		value.close();
		grad.close();
		if (m != null) m.close();
		if (v != null) v.close();
	}
}

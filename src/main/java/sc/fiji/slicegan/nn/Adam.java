package sc.fiji.slicegan.nn;

import java.util.List;

import sc.fiji.slicegan.backend.Backend;

/** Adam over a network's parameters; counts its own steps for the bias correction. */
public final class Adam {

	public static final double EPSILON = 1e-8;

	private final Backend backend;
	private final double lr, beta1, beta2;
	private long step;

	public Adam(Backend backend, double lr, double beta1, double beta2) {
		this.backend = backend;
		this.lr = lr;
		this.beta1 = beta1;
		this.beta2 = beta2;
	}

	public void step(List<Param> params) {
		step++;
		for (Param p : params)
			backend.adamStep(p.value, p.grad, p.firstMoment(backend), p.secondMoment(backend), lr, beta1, beta2,
				EPSILON, step);
	}

	public long steps() {
		return step;
	}

	/** Continues from a saved state (the moments are restored into the parameters separately). */
	public void setSteps(long steps) {
		this.step = steps;
	}
}

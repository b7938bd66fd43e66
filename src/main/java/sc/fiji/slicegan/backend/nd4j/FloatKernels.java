package sc.fiji.slicegan.backend.nd4j;

/**
 * The float32 operations the CPU backend runs itself instead of through ND4J's ops: oneDNN primitives called
 * directly for the convolutions, batch normalisation, ReLU and trilinear upsampling, and Java loops for the
 * memory-bound rest.
 */
final class FloatKernels implements AutoCloseable {

	private final Layouts layouts = new Layouts();
	private final ScratchArena arena = new ScratchArena();
	final OneDnnConvolutions convolutions = new OneDnnConvolutions(layouts, arena);
	final OneDnnActivations activations = new OneDnnActivations(layouts, arena);
	final OneDnnBatchNorm batchNorm = new OneDnnBatchNorm(layouts, arena);
	final OneDnnResampling resampling = new OneDnnResampling(layouts, arena);
	final OneDnnSlicing slicing = new OneDnnSlicing();
	final FloatLoops loops = new FloatLoops();

	/**
	 * Adam in the layout the gradient holds: the weights and moments take it once, and then the step needs no
	 * reorder (the convolutions read the weights in it, or from a copy kept until the next step).
	 */
	void adamStep(Nd4jTensor param, Nd4jTensor grad, Nd4jTensor m, Nd4jTensor v, double lr, double beta1,
		double beta2, double eps, long step)
	{
		Nd4jTensor.Layout l = grad.layout();
		if (l instanceof Layouts.Blocked && param.mayHoldLayout() && m.mayHoldLayout() && v.mayHoldLayout()) {
			param.adopt((Layouts.Blocked) l);
			m.adopt((Layouts.Blocked) l);
			v.adopt((Layouts.Blocked) l);
		}
		else {
			for (Nd4jTensor t : new Nd4jTensor[] { param, grad, m, v })
				t.rowMajor();
		}
		loops.adamStep(param.array, grad.array, m.array, v.array, lr, beta1, beta2, eps, step);
		for (Nd4jTensor t : new Nd4jTensor[] { param, m, v })
			t.written(t.layout());
	}

	/** x = value; a constant is the same in every layout, so x keeps its own (a zeroed gradient stays blocked). */
	void fill(Nd4jTensor x, double value) {
		loops.fill(x.array, (float) value);
		x.written(x.layout());
	}

	/** x *= a, in x's layout. */
	void scale(Nd4jTensor x, double a) {
		loops.axpy((float) a, null, x.array);
		x.written(x.layout());
	}

	/** y += a·x, in the layout both hold, else row-major. */
	void axpy(double a, Nd4jTensor x, Nd4jTensor y) {
		if (x.layout() != y.layout()) {
			x.rowMajor();
			y.rowMajor();
		}
		loops.axpy((float) a, x.array, y.array);
		y.written(y.layout());
	}

	@Override
	public void close() {
		convolutions.close();
		activations.close();
		batchNorm.close();
		resampling.close();
		slicing.close();
		loops.close();
		layouts.close();
		arena.close();
	}
}

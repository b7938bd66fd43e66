package sc.fiji.slicegan.train;

import java.util.HashMap;
import java.util.Map;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.nn.Critic;
import sc.fiji.slicegan.nn.Generator;

/**
 * The generator's loss L_G = −Σ_axes mean D(slices of G(z)), with the critics fixed; writes the generator's
 * parameter gradients and leaves the critics' alone.
 */
public final class GeneratorObjective implements AutoCloseable {

	private final Backend backend;
	private final Generator generator;
	private final Critic[] critics;
	private final int[] criticOfAxis;
	private final Map<String, Tensor> buffers = new HashMap<>();

	public GeneratorObjective(Backend backend, Generator generator, Critic[] critics, int[] criticOfAxis) {
		this.backend = backend;
		this.generator = generator;
		this.critics = critics;
		this.criticOfAxis = criticOfAxis;
	}

	private Tensor buffer(String role, int... shape) {
		return buffers.computeIfAbsent(role + java.util.Arrays.toString(shape), k -> backend.allocate(shape));
	}

	/** @return L_G for latent batch z */
	public double evaluate(Tensor z) {
		Tensor volumes = generator.forward(z, true);
		int[] v = volumes.shape();
		int n = v[0] * v[2];
		Tensor slices = buffer("slices", n, v[1], v[3], v[4]);
		Tensor dSlices = buffer("dSlices", n, v[1], v[3], v[4]);
		Tensor dVolumes = buffer("dVolumes", v);
		Tensor dOut = buffer("dOut", n, 1, 1, 1);
		backend.fill(dOut, -1.0 / n);
		double loss = 0;
		for (int axis = 0; axis < 3; axis++) {
			Critic d = critics[criticOfAxis[axis]];
			backend.sliceVolumes(volumes, axis, slices);
			loss -= backend.sum(d.forward(slices)) / n;
			d.backward(slices, dOut, false, dSlices);
			backend.unsliceVolumes(dSlices, axis, dVolumes, axis > 0);
		}
		generator.backward(dVolumes);
		return loss;
	}

	@Override
	public void close() {
		buffers.values().forEach(Tensor::close);
		buffers.clear();
	}
}

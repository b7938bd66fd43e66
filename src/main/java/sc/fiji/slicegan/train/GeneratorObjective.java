package sc.fiji.slicegan.train;

import java.util.HashMap;
import java.util.Map;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;
import sc.fiji.slicegan.nn.Critic;
import sc.fiji.slicegan.nn.Generator;

/**
 * The generator's loss L_G = −Σ_axes mean D(slices of G(z)), with the critics fixed; writes the generator's
 * parameter gradients and leaves the critics' alone. The axes that share a critic are scored as one batch, and the
 * loss stays on the backend until read.
 */
public final class GeneratorObjective implements AutoCloseable {

	private final Backend backend;
	private final Generator generator;
	private final Critic[] critics;
	private final AxisGroups groups;
	private final Map<String, Tensor> buffers = new HashMap<>();

	public GeneratorObjective(Backend backend, Generator generator, Critic[] critics, AxisGroups groups) {
		this.backend = backend;
		this.generator = generator;
		this.critics = critics;
		this.groups = groups;
	}

	private Tensor buffer(String role, int... shape) {
		return buffers.computeIfAbsent(role + java.util.Arrays.toString(shape), k -> backend.allocate(shape));
	}

	/** Adds L_G for latent batch z to {@code acc[slot]} and writes the generator's gradients. */
	public void evaluate(Tensor z, Tensor acc, int slot) {
		Tensor volumes = generator.forward(z, true);
		int[] v = volumes.shape();
		int perAxis = v[0] * v[2];
		Tensor dVolumes = buffer("dVolumes", v);
		for (int c = 0; c < critics.length; c++) {
			int k = groups.axes(c).length;
			Tensor slices = buffer("slices", k * perAxis, v[1], v[3], v[4]);
			Tensor dSlices = buffer("dSlices", k * perAxis, v[1], v[3], v[4]);
			groups.slice(backend, volumes, c, slices);
			Critic d = critics[c];
			backend.accumulateSum(d.forward(slices), -1.0 / perAxis, acc, slot);
			Tensor dOut = buffer("dOut", k * perAxis, 1, 1, 1);
			backend.fill(dOut, -1.0 / perAxis);
			d.backward(slices, dOut, false, dSlices);
			groups.unslice(backend, dSlices, c, dVolumes, c > 0);
		}
		generator.backward(dVolumes);
	}

	@Override
	public void close() {
		buffers.values().forEach(Tensor::close);
		buffers.clear();
	}
}

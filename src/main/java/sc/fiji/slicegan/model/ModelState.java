package sc.fiji.slicegan.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import sc.fiji.slicegan.data.ImageKind;
import sc.fiji.slicegan.nn.NetSpec;

/**
 * Everything a model file holds, on the host: what the model was trained on, its networks' shape and values,
 * the optimisers' state, and how far training got. Tensors are named as the networks name them
 * ({@code G.w0}, {@code G.bn0.runMean}, {@code D0.w2}, Adam moments as {@code adam.m/G.w0}).
 */
public final class ModelState {

	public NetSpec spec;
	public ImageKind kind;
	/** The grey value of each phase (n-phase), else null. */
	public int[] phaseValues;
	/** Which critic each slicing axis used. */
	public int[] criticOfAxis = { 0, 0, 0 };
	/** Algorithm 1's settings; null for a generator imported from elsewhere, which has none. */
	public TrainingConfig config;
	/**
	 * Where an imported generator came from (e.g. the published PyTorch SliceGAN's files); null for a model trained
	 * here. An imported model has a generator only: no critic weights, optimiser state or training settings.
	 */
	public String importedFrom;
	/** Generator steps done. */
	public long iteration;
	/** Size of a pixel of the training image, for calibrating generated stacks (voxels are isotropic). */
	public double pixelSize = 1;
	public String unit = "pixel";
	/** Names of the training images, for provenance. */
	public String source = "";
	public final Map<String, float[]> tensors = new LinkedHashMap<>();
	public final Map<String, int[]> shapes = new LinkedHashMap<>();
	/** Adam step counts by network ("G", "D0", ...). */
	public final Map<String, Long> optimizerSteps = new LinkedHashMap<>();
	/** The structure's statistics measured while it trained, oldest first (kept across resumes). */
	public final List<FidelityPoint> fidelity = new ArrayList<>();

	public int criticCount() {
		int n = 0;
		for (int c : criticOfAxis)
			n = Math.max(n, c + 1);
		return n;
	}

	/** Whether training can continue this model (it was trained here, so it has critics and optimiser state). */
	public boolean resumable() {
		return importedFrom == null;
	}

	public void put(String name, int[] shape, float[] values) {
		tensors.put(name, values);
		shapes.put(name, shape.clone());
	}
}

package sc.fiji.slicegan.fiji;

import java.nio.file.Path;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.generate.PeriodicAxes;

/** What a user asks the generator for. */
public final class GenerateRequest {

	public Path modelFile;
	/** Edge of the volume in voxels (the smallest latent grid that covers it, cropped). */
	public int edge = 64;
	/** The latent grid's edge (≥ 4); when positive it decides the size instead of {@link #edge}. */
	public int latentSize = 0;
	/** Axes along which the volume wraps around ("none", "xyz", "xy", "z", …); periodic edges are whole periods. */
	public String periodic = "none";
	public long seed = 1;
	/** Volumes to generate, with seeds seed, seed + 1, … */
	public int count = 1;
	public String backend = "auto";

	void check() {
		if (modelFile == null || modelFile.toString().trim().isEmpty()) throw new BadInputException(
			"Choose a model file (.zip) made by SliceGAN training.");
		if (count < 1) throw new BadInputException("The number of volumes must be at least 1.");
		if (latentSize <= 0 && edge < 1) throw new BadInputException("The volume edge must be at least 1 voxel.");
		PeriodicAxes.parse(periodic);
	}
}

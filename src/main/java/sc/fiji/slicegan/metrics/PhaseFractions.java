package sc.fiji.slicegan.metrics;

/** Volume (area) fraction of each phase. */
public final class PhaseFractions {
	private PhaseFractions() {
	}

	/** Fraction of voxels per label, indexed by label, length 256. */
	public static double[] of(LabelVolume v) {
		long[] h = v.histogram();
		double n = v.voxelCount();
		double[] f = new double[256];
		for (int l = 0; l < 256; l++)
			f[l] = h[l] / n;
		return f;
	}

	/** Fraction of voxels with the given label. */
	public static double of(LabelVolume v, int phase) {
		return of(v)[phase];
	}
}

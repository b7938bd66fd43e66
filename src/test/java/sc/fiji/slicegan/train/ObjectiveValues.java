package sc.fiji.slicegan.train;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;

/** The training objectives evaluated with per-axis real crops and read back at once, for tests. */
public final class ObjectiveValues {

	private ObjectiveValues() {}

	/** L_D's terms, with real crops given per axis (stacked here per critic, as the trainer stores them). */
	public static CriticObjective.Result critic(Backend be, CriticObjective objective, AxisGroups groups, Tensor fake,
		Tensor[] realPerAxis, int[][] idx, double[][] eps, double lambda)
	{
		Tensor[] real = new Tensor[groups.critics()];
		int n = realPerAxis[0].dim(0);
		int[] shape = realPerAxis[0].shape();
		try (Tensor acc = be.allocate(CriticObjective.TERMS)) {
			for (int c = 0; c < real.length; c++) {
				int[] axes = groups.axes(c);
				shape[0] = axes.length * n;
				real[c] = be.allocate(shape);
				for (int g = 0; g < axes.length; g++)
					try (Tensor rows = be.rows(real[c], g * n, n)) {
						be.copy(realPerAxis[axes[g]], rows);
					}
			}
			objective.evaluate(fake, real, idx, eps, lambda, acc, 0);
			double[] terms = new double[CriticObjective.TERMS];
			be.download(acc, terms);
			return CriticObjective.Result.of(terms, 0);
		}
		finally {
			for (Tensor t : real)
				if (t != null) t.close();
		}
	}

	/** L_G. */
	public static double generator(Backend be, GeneratorObjective objective, Tensor z) {
		try (Tensor acc = be.allocate(1)) {
			objective.evaluate(z, acc, 0);
			double[] value = new double[1];
			be.download(acc, value);
			return value[0];
		}
	}
}

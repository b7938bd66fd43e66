package sc.fiji.slicegan.nn;

import java.util.Random;
import java.util.function.DoubleSupplier;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Tensor;

/** Central differences of a scalar function of tensors, entry by entry, in double precision. */
public final class FiniteDifferences {

	public static final double STEP = 1e-6;

	private FiniteDifferences() {}

	/**
	 * Relative error ‖analytic − numeric‖ / ‖numeric‖ over {@code samples} random entries of {@code t} (all
	 * entries if there are fewer).
	 */
	public static double relativeError(Backend backend, Tensor t, double[] analytic, DoubleSupplier f, int samples,
		Random rng)
	{
		double[] values = new double[(int) t.size()];
		backend.download(t, values);
		int n = values.length;
		int count = Math.min(n, samples);
		double diff2 = 0, norm2 = 0;
		for (int s = 0; s < count; s++) {
			int i = count == n ? s : rng.nextInt(n);
			double keep = values[i];
			values[i] = keep + STEP;
			backend.upload(values, t);
			double plus = f.getAsDouble();
			values[i] = keep - STEP;
			backend.upload(values, t);
			double minus = f.getAsDouble();
			values[i] = keep;
			backend.upload(values, t);
			double numeric = (plus - minus) / (2 * STEP);
			diff2 += (analytic[i] - numeric) * (analytic[i] - numeric);
			norm2 += numeric * numeric;
		}
		return Math.sqrt(diff2 / Math.max(norm2, 1e-300));
	}

	public static double[] download(Backend backend, Tensor t) {
		double[] d = new double[(int) t.size()];
		backend.download(t, d);
		return d;
	}

	public static Tensor random(Backend backend, Random rng, int... shape) {
		Tensor t = backend.allocate(shape);
		double[] d = new double[(int) t.size()];
		for (int i = 0; i < d.length; i++)
			d[i] = rng.nextGaussian();
		backend.upload(d, t);
		return t;
	}

	/** ⟨a, b⟩ of two tensors. */
	public static double dot(Backend backend, Tensor a, Tensor b) {
		double[] x = download(backend, a), y = download(backend, b);
		double s = 0;
		for (int i = 0; i < x.length; i++)
			s += x[i] * y[i];
		return s;
	}
}

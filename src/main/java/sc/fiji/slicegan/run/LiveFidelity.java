package sc.fiji.slicegan.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.LabelImages;
import sc.fiji.slicegan.compare.RealSection;
import sc.fiji.slicegan.data.SourceImage;
import sc.fiji.slicegan.generate.VolumeGenerator;
import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;
import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.model.ModelState;

/**
 * The structure's statistics while it trains: a few volumes from the current generator (evaluation mode, fixed
 * noise) against the training image(s): phase fractions, specific surface areas and two-point correlations of their
 * slices (no diffusion: it is for the end). What the critic's loss cannot tell a user: whether the structure is
 * right.
 */
final class LiveFidelity {

	/** Volumes per measurement, and their noise. */
	static final int VOLUMES = 2;
	static final long SEED = 777;

	private final List<RealSection> real;
	private final int[] table;

	private LiveFidelity(List<RealSection> real, int[] table) {
		this.real = real;
		this.table = table;
	}

	/** For n-phase training images with these phase values; the planes through a stack's middle stand for it. */
	static LiveFidelity of(Sections images, int[] phaseValues) {
		int[] table = phaseValues.clone();
		Arrays.sort(table);
		List<RealSection> real = new ArrayList<>();
		if (images.z.image.is3D()) {
			SourceImage v = images.z.image;
			real.add(new RealSection(plane(v, Axis.Z, table), Axis.Z));
			real.add(new RealSection(plane(v, Axis.Y, table), Axis.Y));
			real.add(new RealSection(plane(v, Axis.X, table), Axis.X));
		}
		else if (images.isotropic()) real.add(RealSection.isotropic(LabelImages.labels(images.z.image, table)));
		else {
			real.add(new RealSection(LabelImages.labels(images.z.image, table), Axis.Z));
			real.add(new RealSection(LabelImages.labels(images.y.image, table), Axis.Y));
			real.add(new RealSection(LabelImages.labels(images.x.image, table), Axis.X));
		}
		return new LiveFidelity(real, table);
	}

	/** The middle plane of a stack normal to an axis, laid out as {@link RealSection} expects. */
	private static LabelVolume plane(SourceImage v, Axis normal, int[] table) {
		int w = normal == Axis.X ? v.height : v.width, h = normal == Axis.Z ? v.height : v.depth;
		byte[] labels = new byte[w * h];
		for (int j = 0; j < h; j++)
			for (int i = 0; i < w; i++) {
				int value = normal == Axis.Z ? v.value(i, j, v.depth / 2) : normal == Axis.Y ? v.value(i, v.height / 2,
					j) : v
						.value(v.width / 2, i, j);
				labels[i + j * w] = (byte) Arrays.binarySearch(table, value);
			}
		return LabelVolume.image(w, h, labels);
	}

	FidelityPoint measure(Backend backend, ModelState model, long iteration, double seconds) {
		List<LabelVolume> volumes = new ArrayList<>();
		try (VolumeGenerator g = new VolumeGenerator(backend, model)) {
			for (int i = 0; i < VOLUMES; i++)
				volumes.add(LabelImages.labels(g.generate(model.spec.latentSize, SEED + i), model.phaseValues, table));
		}
		CompareReport.Options opt = new CompareReport.Options();
		opt.diffusionPhases = new int[0];
		opt.phaseValues = table;
		CompareReport r = CompareReport.compute(real, volumes, opt);
		double fraction = 0, surface = 0, s2 = 0;
		int n = 0;
		for (CompareReport.Row row : r.rows) {
			if (row.metric.equals(CompareReport.PHASE_FRACTION)) fraction = Math.max(fraction, Math.abs(
				row.generatedMean -
					row.real));
			if (row.metric.equals(CompareReport.SURFACE_AREA) && row.real > 0) surface = Math.max(surface, Math.abs(
				row.generatedMean - row.real) / row.real);
		}
		for (CompareReport.Curve c : r.curves)
			for (int i = 0; i < c.real.length; i++)
				if (!Double.isNaN(c.real[i])) {
					s2 += (c.generatedMean[i] - c.real[i]) * (c.generatedMean[i] - c.real[i]);
					n++;
				}
		return new FidelityPoint(iteration, seconds, fraction, surface, n == 0 ? Double.NaN : Math.sqrt(s2 / n));
	}
}

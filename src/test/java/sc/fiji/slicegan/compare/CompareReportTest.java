package sc.fiji.slicegan.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.metrics.Axis;
import sc.fiji.slicegan.metrics.LabelVolume;

public class CompareReportTest {
	static LabelVolume random(int w, int h, int d, double[] cumulative, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		LabelVolume v = LabelVolume.zeros(w, h, d);
		for (byte[] p : v.planes) {
			for (int i = 0; i < p.length; i++) {
				double u = rnd.nextDouble();
				int l = 0;
				while (l < cumulative.length && u >= cumulative[l])
					l++;
				p[i] = (byte) l;
			}
		}
		return v;
	}

	/** A real random image and random volumes from the same 3-phase law: rows and curves must agree. */
	static CompareReport sameLawReport() {
		double[] cum = { 0.5, 0.8 }; // phases 0,1,2 with 0.5, 0.3, 0.2
		List<RealSection> real = List.of(RealSection.isotropic(random(128, 128, 1, cum, 1)));
		List<LabelVolume> gen = new ArrayList<>();
		for (int k = 0; k < 3; k++)
			gen.add(random(24, 24, 24, cum, 10 + k));
		CompareReport.Options opt = new CompareReport.Options();
		opt.diffusionPhases = new int[] { 0 };
		return CompareReport.compute(real, gen, opt);
	}

	/** For the ImageJ layer's tests. */
	public static CompareReport sameLawReportForOtherTests() {
		return sameLawReport();
	}

	@Test
	void sameLawGivesMatchingStatistics() {
		CompareReport r = sameLawReport();
		assertEquals(3, r.phases.length);
		for (CompareReport.Row row : r.rows) {
			if (row.metric.equals(CompareReport.PHASE_FRACTION)) {
				// 16k real pixels and 41k voxels: sd of a fraction ≤ 0.004, so 0.02 is ~5 sd
				assertEquals(row.real, row.generatedMean, 0.02, "phase " + row.phase);
				assertEquals(3, row.n);
			}
			if (row.metric.equals(CompareReport.INTERCEPTS)) {
				// independent voxels: P_L = 2φ(1−φ)·(L−1)/L exactly in expectation, same in 2D and 3D
				assertEquals(row.real, row.generatedMean, 0.1 * row.real, row.phase + " " + row.axis);
			}
			if (row.metric.equals(CompareReport.DIFFUSIVITY)) {
				assertTrue(Double.isNaN(row.real), "diffusivity has no 2D value");
				assertTrue(row.generatedMean > 0 && row.generatedMean < 0.5);
			}
		}
		assertTrue(r.rows.stream().anyMatch(row -> row.metric.equals(CompareReport.TPB)), "3 phases: TPB row");
		assertEquals(3 * 3, r.curves.size());
		for (CompareReport.Curve c : r.curves) {
			assertEquals(c.real[0], c.generatedMean[0], 0.02);
			// beyond r=0 both are φ² for independent voxels
			assertEquals(c.real[3], c.generatedMean[3], 0.02);
		}
		assertEquals(3 * 3 * 2, r.values(CompareReport.DIFFUSIVITY, 0, null).length * 2);
	}

	@Test
	void orientedSectionsAreMatchedToTheirAxes() {
		// sections normal to z (stripes along image x → volume x) and normal to x (image x = volume y)
		LabelVolume stripesX = LabelVolume.zeros(16, 16, 1);
		for (int y = 0; y < 16; y++) {
			for (int x = 0; x < 16; x++)
				stripesX.set(x, y, 0, (x / 2) % 2);
		}
		LabelVolume vol = random(16, 16, 16, new double[] { 0.5 }, 3);
		CompareReport.Options opt = new CompareReport.Options();
		opt.diffusionPhases = new int[0];
		CompareReport r = CompareReport.compute(List.of(new RealSection(stripesX, Axis.Z)), List.of(vol), opt);
		for (CompareReport.Row row : r.rows) {
			if (row.metric.equals(CompareReport.INTERCEPTS) && row.phase == 1) {
				// the z-normal section holds x (image x: 7 interfaces / 16) and y (image y: none), no z
				double expected = row.axis.equals("x") ? 7.0 / 16 : row.axis.equals("y") ? 0 : Double.NaN;
				assertEquals(expected, row.real, 1e-12, row.axis);
			}
		}
		for (CompareReport.Curve c : r.curves)
			assertEquals(c.axis == Axis.Z, Double.isNaN(c.real[0]), c.axis.label());
	}

	@Test
	void csvFilesHaveHeadersAndOneLinePerValue(@TempDir Path dir) throws Exception {
		CompareReport r = sameLawReport();
		CsvWriter.write(r, dir);
		List<String> m = Files.readAllLines(dir.resolve(CsvWriter.METRICS));
		assertEquals("metric,phase,axis,real,generated_mean,generated_sd,n_volumes", m.get(0));
		assertEquals(r.rows.size() + 1, m.size());
		assertTrue(m.stream().anyMatch(l -> l.startsWith("relative diffusivity D_eff/D0,0,x,,")),
			"no real diffusivity");
		List<String> s2 = Files.readAllLines(dir.resolve(CsvWriter.S2));
		int points = r.curves.stream().mapToInt(c -> c.generatedMean.length).sum();
		assertEquals(points + 1, s2.size());
		assertTrue(s2.get(1).endsWith(",non_periodic"));
		List<String> pv = Files.readAllLines(dir.resolve(CsvWriter.PER_VOLUME));
		assertEquals(r.perVolume.size() + 1, pv.size());
		assertTrue(pv.get(1).startsWith("1,phase fraction,0,all,"));
	}
}

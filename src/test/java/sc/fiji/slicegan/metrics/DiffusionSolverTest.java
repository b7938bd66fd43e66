package sc.fiji.slicegan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import sc.fiji.slicegan.metrics.DiffusionSolver.Preconditioner;
import sc.fiji.slicegan.progress.CancelledException;
import sc.fiji.slicegan.progress.RecordingProgress;

class DiffusionSolverTest {
	// Channels and parallel layers are solved exactly by the linear start (zero iterations), and the
	// harmonic-mean face conductance makes series layers exact too, so the only error is the CG
	// stopping point: at tolerance 1e-10 that is far below the 1e-6 asserted.
	private static final double TIGHT = 1e-10;

	@ParameterizedTest
	@EnumSource(Preconditioner.class)
	void straightChannelsHaveTortuosityOne(Preconditioner pc) {
		for (Axis a : Axis.values()) {
			// channels along the axis on a 3-voxel lattice across it: ε = 1/9·... whatever the count, τ = 1
			LabelVolume v = Volumes.of(12, 12, 12, (x, y, z) -> {
				int u = a == Axis.X ? y : x;
				int w = a == Axis.Z ? y : z;
				return u % 3 == 0 && w % 3 == 0 ? 1 : 0;
			});
			DiffusionResult r = new DiffusionSolver().preconditioner(pc).tolerance(TIGHT).solve(v, 1, a);
			assertTrue(r.percolating && r.converged);
			assertEquals(PhaseFractions.of(v, 1), r.relativeDiffusivity, 1e-9);
			assertEquals(1.0, r.tortuosity, 1e-9, "axis " + a);
		}
	}

	@ParameterizedTest
	@EnumSource(Preconditioner.class)
	void deadEndsAndIsolatedPoresAddPorosityButNoFlux(Preconditioner pc) {
		// channels along x at y%4==0, plus isolated voxels between them that touch no channel
		LabelVolume v = Volumes.of(10, 8, 8, (x, y, z) -> y % 4 == 0 || (y % 4 == 2 && x % 2 == 0 && z % 2 == 0) ? 1
			: 0);
		DiffusionResult r = new DiffusionSolver().preconditioner(pc).tolerance(TIGHT).solve(v, 1, Axis.X);
		double channels = 2.0 / 8;
		assertEquals(channels, r.relativeDiffusivity, 1e-9);
		assertEquals(channels, r.percolatingFraction, 1e-12);
		assertEquals(PhaseFractions.of(v, 1) / channels, r.tortuosity, 1e-8);
	}

	@ParameterizedTest
	@EnumSource(Preconditioner.class)
	void layersParallelToFluxGiveArithmeticMean(Preconditioner pc) {
		float[] dLayer = { 1f, 0.2f, 0.5f };
		int n = 9;
		// layers normal to y, flux along x and z
		for (Axis a : new Axis[] { Axis.X, Axis.Z }) {
			DiffusionResult r = new DiffusionSolver().preconditioner(pc).tolerance(TIGHT)
				.solve(n, n, n, (z, i) -> dLayer[(i / n) % 3], a, 1.0);
			assertEquals((1 + 0.2 + 0.5) / 3, r.relativeDiffusivity, 1e-9);
		}
	}

	@ParameterizedTest
	@EnumSource(Preconditioner.class)
	void layersInSeriesGiveHarmonicMean(Preconditioner pc) {
		float[] dLayer = { 1f, 0.2f, 0.5f, 0.05f };
		int n = 12;
		for (Axis a : Axis.values()) {
			DiffusionResult r = new DiffusionSolver().preconditioner(pc).tolerance(TIGHT).solve(n, n, n, (z, i) -> {
				int x = i % n;
				int y = i / n;
				return dLayer[Volumes.coord(a, x, y, z) % 4];
			}, a, 1.0);
			double harmonic = 4 / (1 / 1.0 + 1 / 0.2 + 1 / 0.5 + 1 / 0.05);
			assertTrue(r.converged);
			assertEquals(harmonic, r.relativeDiffusivity, 1e-6 * harmonic, "axis " + a);
		}
	}

	@ParameterizedTest
	@EnumSource(Preconditioner.class)
	void convergesToTheStatedTolerance(Preconditioner pc) {
		LabelVolume v = Volumes.random(32, 32, 32, 0.6, 7);
		RecordingProgress progress = new RecordingProgress();
		List<Double> done = progress.fractions;
		DiffusionSolver solver = new DiffusionSolver().preconditioner(pc).progress(progress);
		assertEquals(1e-6, solver.tolerance());
		assertEquals(1e-6, new DiffusionSolver().tolerance(), "the documented default");
		DiffusionResult r = solver.solve(v, 1, Axis.Y);
		assertTrue(r.converged && r.percolating);
		assertTrue(r.iterations > 5, "a random structure needs real iterations");
		assertEquals(r.iterations, done.size(), "one progress report per iteration");
		// the reported residual is recomputed from the solution, not the CG recursion
		assertTrue(r.residual <= 1e-6, "residual " + r.residual);
		// progress runs on a log scale of the residual, from 0 to 1 at the tolerance
		assertEquals(1.0, done.get(done.size() - 1), 1e-12);
		for (double f : done)
			assertTrue(f >= 0 && f <= 1, "progress " + f);
		// a 10^4 tighter solve moves D_eff by less than 0.1%: 1e-6 is a tolerance D_eff can trust
		DiffusionResult tight = new DiffusionSolver().preconditioner(pc).tolerance(1e-10).solve(v, 1, Axis.Y);
		assertTrue(tight.residual <= 1e-10);
		assertEquals(tight.relativeDiffusivity, r.relativeDiffusivity, 1e-3 * tight.relativeDiffusivity);
		// and at the tight tolerance the fluxes through both faces agree (mass balance)
		assertEquals(tight.inletFlux, tight.outletFlux, 1e-6 * tight.inletFlux);
		// threads only change the summation order
		DiffusionResult one = new DiffusionSolver().preconditioner(pc).tolerance(1e-10).threads(1).solve(v, 1, Axis.Y);
		assertEquals(tight.relativeDiffusivity, one.relativeDiffusivity, 1e-8);
	}

	@ParameterizedTest
	@EnumSource(Preconditioner.class)
	void blockedPhaseGivesZeroWithAFlag(Preconditioner pc) {
		// phase 1 everywhere except a full plane of phase 0 across the flux
		LabelVolume v = Volumes.of(8, 8, 8, (x, y, z) -> z == 4 ? 0 : 1);
		DiffusionResult r = new DiffusionSolver().preconditioner(pc).solve(v, 1, Axis.Z);
		assertFalse(r.percolating);
		assertEquals(0, r.relativeDiffusivity);
		assertEquals(Double.POSITIVE_INFINITY, r.tortuosity);
		assertEquals(7.0 / 8, r.volumeFraction, 1e-12);
		// along x the same phase percolates fully
		assertEquals(7.0 / 8, new DiffusionSolver().preconditioner(pc).solve(v, 1, Axis.X).relativeDiffusivity, 1e-9);
	}

	@Test
	void cancelStopsTheSolve() {
		LabelVolume v = Volumes.random(24, 24, 24, 0.6, 1);
		RecordingProgress cancelled = new RecordingProgress();
		cancelled.cancel();
		assertThrows(CancelledException.class, () -> new DiffusionSolver().progress(cancelled).solve(v, 1, Axis.X));
	}

	@Test
	void bothPreconditionersAgree() {
		// same linear system, different paths: at 1e-10 the D_eff must agree to ~1e-8
		LabelVolume v = Volumes.random(40, 36, 30, 0.55, 21);
		for (Axis a : Axis.values()) {
			DiffusionResult j = new DiffusionSolver().preconditioner(Preconditioner.JACOBI).tolerance(1e-10).solve(v, 1,
				a);
			DiffusionResult m = new DiffusionSolver().preconditioner(Preconditioner.MULTIGRID).tolerance(1e-10).solve(v,
				1, a);
			assertEquals(j.relativeDiffusivity, m.relativeDiffusivity, 1e-7 * j.relativeDiffusivity, a.label());
			assertTrue(m.iterations < j.iterations / 3, "multigrid " + m.iterations + " vs jacobi " + j.iterations);
		}
	}
}

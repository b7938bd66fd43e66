package sc.fiji.slicegan.metrics;

/** Outcome of one steady-state diffusion solve along one axis. */
public final class DiffusionResult {
	public final Axis axis;
	/** D_eff / D0. Zero when the phase does not connect the two faces. */
	public final double relativeDiffusivity;
	/** ε: fraction of voxels with non-zero diffusivity (the phase fraction for a phase solve). */
	public final double volumeFraction;
	/** Fraction of voxels in clusters that touch both Dirichlet faces (the ones that carry flux). */
	public final double percolatingFraction;
	/** τ = ε·D0/D_eff; infinite when nothing percolates. */
	public final double tortuosity;
	/** Whether some conductive path joins the two faces. */
	public final boolean percolating;
	public final boolean converged;
	public final int iterations;
	/** Final relative residual, recomputed from the solution (Jacobi-weighted norm, see {@link DiffusionSolver}). */
	public final double residual;
	/** Flux in through the c=1 face and out through the c=0 face; equal at convergence. */
	public final double inletFlux;
	public final double outletFlux;
	public final double seconds;

	DiffusionResult(Axis axis, double relativeDiffusivity, double volumeFraction, double percolatingFraction,
		boolean percolating, boolean converged, int iterations, double residual,
		double inletFlux, double outletFlux, double seconds)
	{
		this.axis = axis;
		this.relativeDiffusivity = relativeDiffusivity;
		this.volumeFraction = volumeFraction;
		this.percolatingFraction = percolatingFraction;
		this.percolating = percolating;
		this.converged = converged;
		this.iterations = iterations;
		this.residual = residual;
		this.inletFlux = inletFlux;
		this.outletFlux = outletFlux;
		this.seconds = seconds;
		this.tortuosity = relativeDiffusivity > 0 ? volumeFraction / relativeDiffusivity : Double.POSITIVE_INFINITY;
	}

	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT,
			"axis %s: D_eff/D0 %.6g, eps %.4f, tau %.4g, percolating %b, %d iterations, residual %.2e%s",
			axis.label(), relativeDiffusivity, volumeFraction, tortuosity, percolating, iterations, residual,
			converged ? "" : " (NOT converged)");
	}
}

package sc.fiji.slicegan.metrics;

/**
 * Multigrid V-cycle used as a CG preconditioner for the 7-point diffusion operator
 * (A x)_i = diag_i·x_i − Σ_faces g·x_neighbour.
 *
 * <p>Coarse levels aggregate 2×2×2 voxel blocks with the Galerkin product PᵀAP for piecewise
 * constant P: a coarse face conductance is the sum of the fine conductances across the block face,
 * so connectivity of the pore space is kept exactly at every level (no rediscretisation guess).
 * Smoothing is red-black Gauss–Seidel, red then black before and black then red after the coarse
 * correction, and a fixed palindromic sweep sequence on the coarsest level: the cycle is a fixed,
 * symmetric linear operator, as CG requires. Piecewise-constant prolongation makes the coarse
 * correction too small (the aggregated operator is about twice too stiff in 3D), so it is scaled
 * by a constant over-correction factor.
 */
final class Multigrid {
	private static final int COARSEST_VOXELS = 512;
	private static final int COARSE_SWEEPS = 16;

	private static final class Level {
		final int w;
		final int h;
		final int d;
		final int n;
		final float[] gx;
		final float[] gy;
		final float[] gz;
		final float[] diag;
		double[] x;
		double[] b;
		double[] r;

		Level(int w, int h, int d, float[] gx, float[] gy, float[] gz, float[] diag) {
			this.w = w;
			this.h = h;
			this.d = d;
			this.n = w * h * d;
			this.gx = gx;
			this.gy = gy;
			this.gz = gz;
			this.diag = diag;
		}
	}

	private final Level[] levels;
	private final Parallel par;
	private final double overCorrection;

	Multigrid(int w, int h, int d, float[] gx, float[] gy, float[] gz, float[] diag, Parallel par,
		double overCorrection)
	{
		this.par = par;
		this.overCorrection = overCorrection;
		java.util.List<Level> list = new java.util.ArrayList<>();
		Level fine = new Level(w, h, d, gx, gy, gz, diag);
		list.add(fine);
		Level l = fine;
		while (l.n > COARSEST_VOXELS && (l.w > 1 || l.h > 1 || l.d > 1)) {
			l = coarsen(l);
			l.x = new double[l.n];
			l.b = new double[l.n];
			l.r = new double[l.n];
			list.add(l);
		}
		levels = list.toArray(new Level[0]);
	}

	int levels() {
		return levels.length;
	}

	/** z = B·r; {@code work} is scratch of the fine size. */
	void apply(double[] r, double[] z, double[] work) {
		Level f = levels[0];
		f.b = r;
		f.x = z;
		f.r = work;
		vcycle(0);
	}

	private void vcycle(int k) {
		Level l = levels[k];
		java.util.Arrays.fill(l.x, 0);
		if (k == levels.length - 1) {
			for (int s = 0; s < COARSE_SWEEPS; s++) {
				sweep(l, 0);
				sweep(l, 1);
			}
			for (int s = 0; s < COARSE_SWEEPS; s++) {
				sweep(l, 1);
				sweep(l, 0);
			}
			return;
		}
		sweep(l, 0);
		sweep(l, 1);
		residual(l);
		Level c = levels[k + 1];
		restrict(l, c);
		vcycle(k + 1);
		prolongAdd(c, l, overCorrection);
		sweep(l, 1);
		sweep(l, 0);
	}

	/** Gauss–Seidel on the voxels with (x+y+z) % 2 == color; those only read the other color. */
	private void sweep(Level l, int color) {
		final int w = l.w;
		final int h = l.h;
		final int d = l.d;
		final int wh = w * h;
		final float[] gx = l.gx;
		final float[] gy = l.gy;
		final float[] gz = l.gz;
		final float[] diag = l.diag;
		final double[] x = l.x;
		final double[] b = l.b;
		par.sum(d * h, (r0, r1) -> {
			for (int row = r0; row < r1; row++) {
				int z = row / h;
				int y = row % h;
				int base = row * w;
				boolean yl = y > 0;
				boolean yh = y + 1 < h;
				boolean zl = z > 0;
				boolean zh = z + 1 < d;
				for (int xx = (color + y + z) & 1; xx < w; xx += 2) {
					int i = base + xx;
					float di = diag[i];
					if (di == 0) continue;
					double s = b[i];
					if (xx > 0) s += gx[i - 1] * x[i - 1];
					if (xx + 1 < w) s += gx[i] * x[i + 1];
					if (yl) s += gy[i - w] * x[i - w];
					if (yh) s += gy[i] * x[i + w];
					if (zl) s += gz[i - wh] * x[i - wh];
					if (zh) s += gz[i] * x[i + wh];
					x[i] = s / di;
				}
			}
			return 0;
		});
	}

	/** r = b − A x. */
	private void residual(Level l) {
		final int w = l.w;
		final int h = l.h;
		final int d = l.d;
		final int wh = w * h;
		final double[] x = l.x;
		final double[] r = l.r;
		par.sum(d * h, (r0, r1) -> {
			for (int row = r0; row < r1; row++) {
				int z = row / h;
				int y = row % h;
				int base = row * w;
				for (int xx = 0; xx < w; xx++) {
					int i = base + xx;
					double s = l.b[i] - l.diag[i] * x[i];
					if (xx > 0) s += l.gx[i - 1] * x[i - 1];
					if (xx + 1 < w) s += l.gx[i] * x[i + 1];
					if (y > 0) s += l.gy[i - w] * x[i - w];
					if (y + 1 < h) s += l.gy[i] * x[i + w];
					if (z > 0) s += l.gz[i - wh] * x[i - wh];
					if (z + 1 < d) s += l.gz[i] * x[i + wh];
					r[i] = s;
				}
			}
			return 0;
		});
	}

	/** c.b = Pᵀ f.r: sum over each 2×2×2 block. Parallel over coarse rows (disjoint writes). */
	private void restrict(Level f, Level c) {
		par.sum(c.d * c.h, (r0, r1) -> {
			for (int crow = r0; crow < r1; crow++) {
				int cz = crow / c.h;
				int cy = crow % c.h;
				int cbase = crow * c.w;
				java.util.Arrays.fill(c.b, cbase, cbase + c.w, 0);
				for (int z = 2 * cz; z < Math.min(2 * cz + 2, f.d); z++) {
					for (int y = 2 * cy; y < Math.min(2 * cy + 2, f.h); y++) {
						int base = (z * f.h + y) * f.w;
						for (int x = 0; x < f.w; x++)
							c.b[cbase + (x >> 1)] += f.r[base + x];
					}
				}
			}
			return 0;
		});
	}

	/** f.x += α·P c.x. */
	private void prolongAdd(Level c, Level f, double alpha) {
		par.sum(f.d * f.h, (r0, r1) -> {
			for (int row = r0; row < r1; row++) {
				int z = row / f.h;
				int y = row % f.h;
				int base = row * f.w;
				int cbase = ((z >> 1) * c.h + (y >> 1)) * c.w;
				for (int x = 0; x < f.w; x++)
					f.x[base + x] += alpha * c.x[cbase + (x >> 1)];
			}
			return 0;
		});
	}

	/** Galerkin coarsening over 2×2×2 blocks. */
	private static Level coarsen(Level f) {
		int cw = (f.w + 1) / 2;
		int ch = (f.h + 1) / 2;
		int cd = (f.d + 1) / 2;
		int cn = cw * ch * cd;
		float[] gx = new float[cn];
		float[] gy = new float[cn];
		float[] gz = new float[cn];
		double[] diag = new double[cn];
		for (int z = 0; z < f.d; z++) {
			for (int y = 0; y < f.h; y++) {
				for (int x = 0; x < f.w; x++) {
					int i = (z * f.h + y) * f.w + x;
					int c = ((z >> 1) * ch + (y >> 1)) * cw + (x >> 1);
					diag[c] += f.diag[i];
					float g = f.gx[i];
					if (g != 0) {
						if ((x & 1) == 0) diag[c] -= 2.0 * g;
						else gx[c] += g;
					}
					g = f.gy[i];
					if (g != 0) {
						if ((y & 1) == 0) diag[c] -= 2.0 * g;
						else gy[c] += g;
					}
					g = f.gz[i];
					if (g != 0) {
						if ((z & 1) == 0) diag[c] -= 2.0 * g;
						else gz[c] += g;
					}
				}
			}
		}
		float[] fd = new float[cn];
		for (int c = 0; c < cn; c++) {
			// a block of inactive voxels has diag 0 and stays out of the smoother
			fd[c] = diag[c] > 1e-12 ? (float) diag[c] : 0f;
		}
		return new Level(cw, ch, cd, gx, gy, gz, fd);
	}
}

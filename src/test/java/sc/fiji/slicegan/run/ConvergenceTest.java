package sc.fiji.slicegan.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.model.FidelityPoint;

/** Training stops when no statistic has improved by 3 % for the patience, and not while one still does. */
class ConvergenceTest {

	@Test
	void stopsOnlyAfterThePatienceWithoutImprovement() {
		Convergence c = new Convergence(60);
		assertFalse(c.converged(new FidelityPoint(10, 0, 0.10, 0.50, 0.050)));
		assertFalse(c.converged(new FidelityPoint(20, 30, 0.05, 0.40, 0.040)));
		// noise below 3 %: not an improvement, but the patience has not run out
		assertFalse(c.converged(new FidelityPoint(30, 60, 0.0495, 0.399, 0.0399)));
		// one statistic improves: the clock starts again
		assertFalse(c.converged(new FidelityPoint(40, 85, 0.0495, 0.30, 0.0399)));
		assertFalse(c.converged(new FidelityPoint(50, 140, 0.0496, 0.30, 0.0400)));
		assertTrue(c.converged(new FidelityPoint(60, 146, 0.0497, 0.31, 0.0401)));
	}
}

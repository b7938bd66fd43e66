package sc.fiji.slicegan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.backend.Backend;
import sc.fiji.slicegan.backend.Precision;
import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;

/**
 * The two initialisations draw what they promise for every kind of layer: PyTorch's default U(−b, b), b = 1/√fan_in
 * with fan_in = out·k³ for a transposed convolution's [in, out, k, k, k] weights, in·k³ for a convolution's
 * [out, in, k, k, k] (and its bias), in·k² for the critic's [out, in, k, k], batch norm γ = 1, β = 0; SliceGAN's
 * N(0, 0.02²) weights and γ ~ N(1, 0.02²). Both are reproducible from a seed.
 */
class InitTest {

	static Backend be;

	@BeforeAll
	static void open() {
		be = new Nd4jBackend(Precision.FLOAT);
	}

	@AfterAll
	static void close() {
		be.close();
	}

	private static float[] values(Param p) {
		float[] v = new float[(int) p.value.size()];
		be.download(p.value, v);
		return v;
	}

	/** Bound and moments of U(−b, b): every value inside, mean ≈ 0 and variance ≈ b²/3 when there are enough. */
	private static void assertUniform(String what, float[] v, double b) {
		double sum = 0, sq = 0, max = 0;
		for (float x : v) {
			sum += x;
			sq += x * x;
			max = Math.max(max, Math.abs(x));
		}
		assertTrue(max <= b * (1 + 1e-6), what + ": |w| ≤ " + b + ", found " + max);
		if (v.length < 400) return;
		double mean = sum / v.length, var = sq / v.length - mean * mean, expected = b * b / 3;
		assertTrue(Math.abs(mean) < 5 * Math.sqrt(expected / v.length), what + ": mean " + mean);
		assertEquals(expected, var, 0.15 * expected, what + ": variance (bound " + b + ")");
		assertTrue(max > 0.9 * b, what + ": the draws reach towards the bound");
	}

	/** N(mean, std²): every value within 6 std, and the sample's moments when there are enough. */
	private static void assertNormal(String what, float[] v, double mean, double std) {
		for (float x : v)
			assertTrue(Math.abs(x - mean) < 6 * std, what + ": " + x);
		if (v.length < 400) return;
		double sum = 0, sq = 0;
		for (float x : v)
			sum += x;
		double m = sum / v.length;
		for (float x : v)
			sq += (x - m) * (x - m);
		double s = Math.sqrt(sq / v.length);
		assertEquals(mean, m, 5 * std / Math.sqrt(v.length), what + ": mean");
		assertEquals(std, s, 0.15 * std, what + ": standard deviation");
	}

	private static void assertConstant(String what, float[] v, double c) {
		for (float x : v)
			assertEquals(c, x, 0, what);
	}

	@Test
	void pytorchDefaultsForEveryLayerKind() {
		for (NetSpec spec : new NetSpec[] { NetSpec.small(3, Head.SOFTMAX), TestNets.tinyRc(3, Head.SOFTMAX) }) {
			try (Generator g = new Generator(be, spec); Critic d = new Critic(be, spec, "D")) {
				Random rng = new Random(5);
				g.initialise(rng, Init.PYTORCH);
				d.initialise(rng, Init.PYTORCH);
				LayerSpec rc = spec.resizeConv();
				for (Param p : g.params()) {
					float[] v = values(p);
					if (p.name.endsWith("gamma")) assertConstant(p.name, v, 1);
					else if (p.name.endsWith("beta")) assertConstant(p.name, v, 0);
					else if (p.name.equals("G.rc.w") || p.name.equals("G.rc.b")) {
						int in = spec.transposed().get(spec.transposed().size() - 1).out;
						assertUniform(p.name, v, 1 / Math.sqrt(in * rc.k * rc.k * rc.k));
					}
					else {
						// a transposed convolution's fan-in counts its output channels
						LayerSpec l = spec.generator.get(Integer.parseInt(p.name.substring(3)));
						assertUniform(p.name + " " + spec.kind, v, 1 / Math.sqrt(l.out * l.k * l.k * l.k));
					}
				}
				int in = spec.channels;
				for (int i = 0; i < d.params().size(); i++) {
					LayerSpec l = spec.critic.get(i);
					assertUniform("D.w" + i, values(d.params().get(i)), 1 / Math.sqrt(in * l.k * l.k));
					in = l.out;
				}
			}
		}
	}

	@Test
	void sliceganNormalForEveryLayerKind() {
		NetSpec spec = TestNets.tinyRc(3, Head.SOFTMAX);
		try (Generator g = new Generator(be, NetSpec.small(3, Head.SOFTMAX)); Generator rc = new Generator(be, spec);
			Critic d = new Critic(be, spec, "D"))
		{
			g.initialise(new Random(6), Init.NORMAL);
			rc.initialise(new Random(7), Init.NORMAL);
			d.initialise(new Random(8), Init.NORMAL);
			for (Generator n : new Generator[] { g, rc })
				for (Param p : n.params()) {
					float[] v = values(p);
					if (p.name.endsWith("gamma")) assertNormal(p.name, v, 1, 0.02);
					else if (p.name.endsWith("beta") || p.name.equals("G.rc.b")) assertConstant(p.name, v, 0);
					else assertNormal(p.name, v, 0, 0.02);
				}
			for (Param p : d.params())
				assertNormal(p.name, values(p), 0, 0.02);
		}
	}

	/** The same seed gives the same numbers; and NORMAL draws as SliceGAN for Java always has, weights then scales. */
	@Test
	void reproducibleFromTheSeed() {
		NetSpec spec = NetSpec.small(2, Head.SOFTMAX);
		try (Generator a = new Generator(be, spec); Generator b = new Generator(be, spec)) {
			for (Init init : Init.values()) {
				a.initialise(new Random(11), init);
				b.initialise(new Random(11), init);
				for (int i = 0; i < a.params().size(); i++)
					assertArrayEquals(values(a.params().get(i)), values(b.params().get(i)), init + " " + a.params().get(
						i).name);
				b.initialise(new Random(12), init);
				assertFalse(Arrays.equals(values(a.params().get(0)), values(b.params().get(0))), "another seed");
			}
			a.initialise(new Random(13));
			Random rng = new Random(13);
			for (Param p : a.params())
				if (p.name.matches("G\\.w\\d+")) check(p, rng, 0);
			for (Param p : a.params())
				if (p.name.endsWith("gamma")) check(p, rng, 1);
		}
	}

	private static void check(Param p, Random rng, double mean) {
		float[] v = values(p);
		for (float x : v)
			assertEquals((float) (mean + 0.02 * rng.nextGaussian()), x, 0, p.name);
	}
}

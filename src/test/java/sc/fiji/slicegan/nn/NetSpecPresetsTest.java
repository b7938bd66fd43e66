package sc.fiji.slicegan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.run.TrainOptions;

class NetSpecPresetsTest {

	@Test
	void everyPresetFollowsTheRulesAndHasItsEdge() {
		for (String name : NetSpec.PRESETS) {
			NetSpec s = NetSpec.preset(name, 3, Head.SOFTMAX).validate();
			assertEquals(name.equals("table1") || name.equals("rc") ? 64 : 32, s.trainingEdge(), name);
			assertEquals(3, s.generator.get(s.generator.size() - 1).out, name);
		}
	}

	/** The 32³ networks train in minutes on a CPU (no warning in Fiji); the 64³ ones do not. */
	@Test
	void theSmallNetworksAreQuickOnACpu() {
		for (String name : new String[] { "small", "small-rc", "small-rc-wide", TrainOptions.QUICK_NETWORK })
			assertTrue(TrainOptions.quickOnCpu(name), name);
		assertFalse(TrainOptions.quickOnCpu("table1"));
		assertFalse(TrainOptions.quickOnCpu("rc"));
	}

	/** The wide preset differs from small-rc in its hidden channel counts only, each twice as many. */
	@Test
	void smallRcWideIsSmallRcAtTwiceTheWidth() {
		NetSpec narrow = NetSpec.smallRc(2, Head.SOFTMAX), wide = NetSpec.preset("small-rc-wide", 2, Head.SOFTMAX);
		assertEquals(narrow.kind, wide.kind);
		assertEquals(narrow.latentChannels, wide.latentChannels);
		assertEquals(narrow.latentSize, wide.latentSize);
		assertTwiceAsWide(narrow.generator, wide.generator);
		assertTwiceAsWide(narrow.critic, wide.critic);
	}

	private static void assertTwiceAsWide(List<LayerSpec> narrow, List<LayerSpec> wide) {
		assertEquals(narrow.size(), wide.size());
		for (int i = 0; i < narrow.size(); i++) {
			LayerSpec n = narrow.get(i), w = wide.get(i);
			boolean last = i == narrow.size() - 1;
			assertEquals(last ? n.out : 2 * n.out, w.out, "layer " + (i + 1));
			assertEquals(n.k, w.k);
			assertEquals(n.s, w.s);
			assertEquals(n.p, w.p);
		}
	}
}

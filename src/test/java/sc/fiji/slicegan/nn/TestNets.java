package sc.fiji.slicegan.nn;

import java.util.Arrays;

/** Small networks for tests: the Table 1 pattern with three layers each, 16³ volumes. */
public final class TestNets {

	private TestNets() {}

	public static NetSpec tiny(int channels, Head head) {
		return new NetSpec(channels, head, 4, 4, Arrays.asList(new LayerSpec(8, 4, 2, 2), new LayerSpec(6, 4, 2, 2),
			new LayerSpec(channels, 4, 2, 3)), Arrays.asList(new LayerSpec(6, 4, 2, 1), new LayerSpec(8, 4, 2, 1),
				new LayerSpec(1, 4, 2, 0))).validate();
	}
}

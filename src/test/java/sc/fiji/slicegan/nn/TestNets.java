package sc.fiji.slicegan.nn;

import java.util.Arrays;

/** Small networks for tests: the Table 1 pattern with three layers each (or two and a resize convolution), 16³ volumes. */
public final class TestNets {

	private TestNets() {}

	public static NetSpec tiny(int channels, Head head) {
		return new NetSpec(channels, head, 4, 4, Arrays.asList(new LayerSpec(8, 4, 2, 2), new LayerSpec(6, 4, 2, 2),
			new LayerSpec(channels, 4, 2, 3)), Arrays.asList(new LayerSpec(6, 4, 2, 1), new LayerSpec(8, 4, 2, 1),
				new LayerSpec(1, 4, 2, 0))).validate();
	}

	/** The resize-convolution kind at the same size: 4 → 6 → 10, upsampled to 18, convolved to 16³. */
	public static NetSpec tinyRc(int channels, Head head) {
		return new NetSpec(channels, head, 4, 4, GeneratorKind.RESIZE_CONV, Arrays.asList(new LayerSpec(8, 4, 2, 2),
			new LayerSpec(6, 4, 2, 2), new LayerSpec(channels, 3, 1, 0)), tiny(channels, head).critic).validate();
	}
}

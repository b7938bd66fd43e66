package sc.fiji.slicegan.ij;

import java.awt.Color;

import ij.process.LUT;

/**
 * A lookup table that tells phases apart: the first phase black, the others well-separated hues, every other
 * grey level grey. Built here because Fiji's glasbey table is a file that plain ImageJ lacks.
 */
public final class LabelLut {

	private LabelLut() {}

	/** The colour of phase {@code i} of {@code n}. */
	public static Color phaseColour(int i) {
		if (i == 0) return Color.BLACK;
		// golden-angle hues keep neighbouring phases far apart however many there are
		float hue = (float) ((0.12 + (i - 1) * 0.381966) % 1.0);
		return Color.getHSBColor(hue, 0.85f, i % 2 == 1 ? 1f : 0.8f);
	}

	/** A table for stacks holding the given phase grey values (or indices 0…n−1 when {@code indices}). */
	public static LUT forPhases(int[] phaseValues, boolean indices) {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		for (int v = 0; v < 256; v++)
			r[v] = g[v] = b[v] = (byte) v;
		for (int i = 0; i < phaseValues.length; i++) {
			int v = indices ? i : phaseValues[i];
			if (v < 0 || v > 255) continue;
			Color c = phaseColour(i);
			r[v] = (byte) c.getRed();
			g[v] = (byte) c.getGreen();
			b[v] = (byte) c.getBlue();
		}
		return new LUT(r, g, b);
	}
}

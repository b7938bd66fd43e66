package sc.fiji.slicegan.generate;

import sc.fiji.slicegan.BadInputException;

/** Which axes of a generated volume wrap around, written as the user writes them: "none", "xyz", "xy", "z", … */
public final class PeriodicAxes {

	/** The choices offered in dialogs. */
	public static final String[] CHOICES = { "none", "xyz", "xy", "xz", "yz", "x", "y", "z" };

	private PeriodicAxes() {}

	/** @return flags in volume order (z, y, x) */
	public static boolean[] parse(String axes) {
		String s = axes == null ? "" : axes.trim().toLowerCase();
		boolean[] p = new boolean[3];
		if (s.isEmpty() || s.equals("none") || s.equals("false")) return p;
		if (s.equals("all") || s.equals("true")) return new boolean[] { true, true, true };
		for (char ch : s.toCharArray()) {
			switch (ch) {
				case 'z':
					p[0] = true;
					break;
				case 'y':
					p[1] = true;
					break;
				case 'x':
					p[2] = true;
					break;
				case ' ':
				case ',':
					break;
				default:
					throw new BadInputException("Periodic axes '" + axes + "': write the axes that should wrap " +
						"around, e.g. xyz, xy or z (or none).");
			}
		}
		return p;
	}
}

package sc.fiji.slicegan.metrics;

/** A volume axis; X runs along a row, Z across planes. */
public enum Axis {
	X, Y, Z;

	public String label() {
		return name().toLowerCase();
	}
}

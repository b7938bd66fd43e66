package sc.fiji.slicegan.backend;

/** Element type of every tensor of a backend: float for training, double for gradient checks. */
public enum Precision {
	FLOAT, DOUBLE
}

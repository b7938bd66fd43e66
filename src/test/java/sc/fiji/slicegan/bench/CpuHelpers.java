package sc.fiji.slicegan.bench;

/** ND4J switches for the benchmark, in a class of their own so that GPU-only runs never load ND4J. */
final class CpuHelpers {

	private CpuHelpers() {}

	/** ND4J's "platform helpers" are its oneDNN kernels: off, every op runs ND4J's own code. */
	static void disableOneDnn() {
		org.nd4j.linalg.factory.Nd4j.getEnvironment().allowHelpers(false);
	}
}

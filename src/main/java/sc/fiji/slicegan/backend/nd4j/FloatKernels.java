package sc.fiji.slicegan.backend.nd4j;

/**
 * The float32 operations the CPU backend runs itself instead of through ND4J's ops: oneDNN primitives called
 * directly for the convolutions, batch normalisation and ReLU, and Java loops for the memory-bound rest.
 */
final class FloatKernels implements AutoCloseable {

	final OneDnnConvolutions convolutions = new OneDnnConvolutions();
	final OneDnnActivations activations = new OneDnnActivations();
	final OneDnnBatchNorm batchNorm = new OneDnnBatchNorm();
	final FloatLoops loops = new FloatLoops();

	@Override
	public void close() {
		convolutions.close();
		activations.close();
		batchNorm.close();
		loops.close();
	}
}

package sc.fiji.slicegan.backend.nd4j;

import org.bytedeco.javacpp.Pointer;

/**
 * Native buffers for the copies of operands in oneDNN's preferred layouts. Primitives run one at a time, so every
 * primitive shares the same slots (one per operand position); each slot grows to the largest request seen.
 */
final class ScratchArena implements AutoCloseable {

	static final int ALIGNMENT = 64;
	private Pointer[] blocks = new Pointer[0];
	private long[] capacity = new long[0];

	/** The 64-byte aligned address of slot {@code slot}, holding at least {@code bytes}. */
	long address(int slot, long bytes) {
		if (slot >= blocks.length) {
			blocks = java.util.Arrays.copyOf(blocks, slot + 1);
			capacity = java.util.Arrays.copyOf(capacity, slot + 1);
		}
		if (capacity[slot] < bytes) {
			if (blocks[slot] != null) Pointer.free(blocks[slot]);
			blocks[slot] = Pointer.malloc(bytes + ALIGNMENT);
			if (blocks[slot] == null || blocks[slot].isNull()) throw new OutOfMemoryError("Could not allocate " +
				bytes +
				" bytes of native memory for oneDNN.");
			capacity[slot] = bytes;
		}
		long a = blocks[slot].address();
		return (a + ALIGNMENT - 1) & -ALIGNMENT;
	}

	@Override
	public void close() {
		for (int i = 0; i < blocks.length; i++) {
			if (blocks[i] != null) Pointer.free(blocks[i]);
			blocks[i] = null;
			capacity[i] = 0;
		}
	}
}

package sc.fiji.slicegan.backend.cuda;

import org.bytedeco.javacpp.Pointer;

/**
 * The arguments of one kernel launch, each with the width of its Java type (the overload chosen at compile time:
 * an int is 4 bytes, a long 8), in the order given. Reused from launch to launch.
 */
final class KernelArgs {

	static final int MAX = 32;
	/** 'p' device pointer, 'i' int, 'l' long, 'f' float, 'd' double. */
	final char[] kinds = new char[MAX];
	/** The value's bits: an address, the integer, or the float's / double's raw bits. */
	final long[] bits = new long[MAX];
	int count;

	KernelArgs clear() {
		count = 0;
		return this;
	}

	private KernelArgs put(char kind, long value) {
		if (count == MAX) throw new IllegalArgumentException("more than " + MAX + " kernel arguments");
		kinds[count] = kind;
		bits[count++] = value;
		return this;
	}

	/** A device tensor's address; null is the null pointer (an optional argument). */
	KernelArgs arg(CudaTensor t) {
		return put('p', t == null ? 0 : t.data.address());
	}

	/** A raw device address; null is the null pointer. */
	KernelArgs arg(Pointer p) {
		return put('p', p == null ? 0 : p.address());
	}

	KernelArgs arg(int v) {
		return put('i', v);
	}

	KernelArgs arg(long v) {
		return put('l', v);
	}

	KernelArgs arg(float v) {
		return put('f', Float.floatToRawIntBits(v));
	}

	KernelArgs arg(double v) {
		return put('d', Double.doubleToRawLongBits(v));
	}
}

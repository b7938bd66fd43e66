package sc.fiji.slicegan.pytorch;

import java.nio.ByteBuffer;

/**
 * The storage classes a state dict names ({@code torch.FloatStorage}, …), with their element size and how an element
 * becomes a float. Weights are float32 in the published code; the others are read so that a generator converted to
 * double or half precision, or a batch norm's int64 {@code num_batches_tracked}, still reads.
 */
public enum StorageType {
	FLOAT("FloatStorage", 4), DOUBLE("DoubleStorage", 8), HALF("HalfStorage", 2), BFLOAT16("BFloat16Storage", 2),
	LONG("LongStorage", 8), INT("IntStorage", 4), SHORT("ShortStorage", 2), CHAR("CharStorage", 1),
	BYTE("ByteStorage", 1), BOOL("BoolStorage", 1);

	/** The class name in module {@code torch}. */
	public final String className;
	public final int bytes;

	StorageType(String className, int bytes) {
		this.className = className;
		this.bytes = bytes;
	}

	/** The type of {@code torch.<name>}, or null. */
	static StorageType of(String name) {
		for (StorageType t : values())
			if (t.className.equals(name)) return t;
		return null;
	}

	/** Element {@code i} of a storage in the buffer's byte order. */
	float get(ByteBuffer b, long i) {
		int at = Math.toIntExact(i * bytes);
		switch (this) {
			case FLOAT:
				return b.getFloat(at);
			case DOUBLE:
				return (float) b.getDouble(at);
			case HALF:
				return halfToFloat(b.getShort(at));
			case BFLOAT16:
				return Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
			case LONG:
				return b.getLong(at);
			case INT:
				return b.getInt(at);
			case SHORT:
				return b.getShort(at);
			case CHAR:
				return b.get(at);
			case BYTE:
				return b.get(at) & 0xff;
			default:
				return b.get(at) != 0 ? 1 : 0;
		}
	}

	/** IEEE 754 half precision to float (Java 11 has no Float.float16ToFloat). */
	static float halfToFloat(short h) {
		int bits = h & 0xffff, sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1f, mant = bits & 0x3ff;
		if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
		if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
		float v = mant * 0x1p-24f;
		return sign != 0 ? -v : v;
	}
}

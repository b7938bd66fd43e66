package sc.fiji.slicegan.backend.nd4j;

import org.bytedeco.dnnl.dnnl_blocking_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN called directly through JavaCPP's dnnl preset (2.5, the version ND4J's oneDNN build is made for and the
 * project already ships; ND4J keeps its own copy inside its library, out of reach). One CPU engine serves every
 * primitive, with an in-order stream per thread. Where the natives are missing (a platform without the preset, e.g.
 * macOS arm64), {@link #unavailableReason()} says why and ND4J's own ops are used.
 */
final class OneDnn {

	/** Set to false to run every operation through ND4J, e.g. to compare the two paths. */
	static final String PROPERTY = "slicegan.cpu.onednn";

	private static engine engine;
	/** One stream per thread: a oneDNN stream must not run primitives for two threads at once. */
	private static final ThreadLocal<stream> STREAMS = ThreadLocal.withInitial(() -> new stream(engine));
	private static String unavailable;
	private static boolean tried;

	private OneDnn() {}

	/** Loads the library once; null when it is usable, else the reason it is not. */
	static synchronized String unavailableReason() {
		if (!tried) {
			tried = true;
			if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) unavailable = "turned off with -D" +
				PROPERTY + "=false";
			else try {
				engine = new engine(org.bytedeco.dnnl.engine.kind.cpu, 0);
				STREAMS.get();
			}
			catch (RuntimeException | LinkageError e) {
				unavailable = "oneDNN could not be loaded: " + e;
			}
		}
		return unavailable;
	}

	static engine engine() {
		return engine;
	}

	static stream stream() {
		return STREAMS.get();
	}

	/** e.g. "oneDNN 2.5.2 (avx512_core_bf16)". */
	static String describe() {
		dnnl_version_t v = dnnl.dnnl_version();
		return "oneDNN " + v.major() + "." + v.minor() + "." + v.patch() + " (" + dnnl.get_effective_cpu_isa()
			.toString().replace("isa_", "") + ")";
	}

	static memory.desc desc(long[] dims, memory.format_tag tag) {
		return new memory.desc(dims, memory.data_type.f32, tag);
	}

	/** A dense row-major description of {@code dims}. */
	static memory.desc plain(long[] dims) {
		return desc(dims, plainTag(dims.length));
	}

	static memory.format_tag plainTag(int rank) {
		switch (rank) {
			case 1:
				return memory.format_tag.a;
			case 2:
				return memory.format_tag.ab;
			case 3:
				return memory.format_tag.abc;
			case 4:
				return memory.format_tag.abcd;
			case 5:
				return memory.format_tag.abcde;
			default:
				throw new IllegalArgumentException("rank " + rank);
		}
	}

	/** A text that identifies a memory description (its dimensions and layout), for maps. */
	static String key(memory.desc d) {
		dnnl_memory_desc_t c = d.data();
		int n = c.ndims();
		StringBuilder sb = new StringBuilder().append(c.data_type()).append('/').append(c.format_kind()).append('/');
		LongPointer dims = c.dims(), padded = c.padded_dims();
		for (int i = 0; i < n; i++)
			sb.append(dims.get(i)).append(padded.get(i) != dims.get(i) ? "p" + padded.get(i) : "").append(',');
		dnnl_blocking_desc_t b = c.format_desc_blocking();
		LongPointer strides = b.strides(), blocks = b.inner_blks(), idxs = b.inner_idxs();
		sb.append('s');
		for (int i = 0; i < n; i++)
			sb.append(strides.get(i)).append(',');
		for (int i = 0; i < b.inner_nblks(); i++)
			sb.append('b').append(idxs.get(i)).append('x').append(blocks.get(i));
		return sb.toString();
	}

	static long[] dims(INDArray a) {
		return a.shape();
	}

	/** The address of an array's first element (ND4J's buffer address already includes a view's offset). */
	static long address(INDArray a) {
		// a closed array would crash the native code: fail in Java instead
		if (a.wasClosed()) throw new IllegalStateException("The tensor " + java.util.Arrays.toString(a.shape()) +
			" was closed.");
		return a.data().addressPointer().address();
	}

	/** A pointer to a given address, reused to hand addresses to oneDNN without allocating. */
	static final class Address extends Pointer {
		Address at(long a) {
			address = a;
			return this;
		}
	}
}

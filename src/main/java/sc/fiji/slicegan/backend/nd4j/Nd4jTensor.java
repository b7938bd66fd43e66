package sc.fiji.slicegan.backend.nd4j;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import sc.fiji.slicegan.backend.Tensor;

/**
 * A tensor backed by a C-ordered ND4J array (off-heap memory). Between oneDNN primitives its memory may hold the
 * values in another layout (e.g. channels in blocks of 16), which the next primitive reads as it is;
 * {@link #rowMajor()} converts back, and every other operation goes through it. A version counter tells cached
 * copies (weights in oneDNN's layout) whether the values changed.
 */
final class Nd4jTensor implements Tensor {

	/** A layout other than row-major, and the way back. */
	interface Layout {
		void toRowMajor(Nd4jTensor t);
	}

	final INDArray array;
	private final int[] shape;
	/** False for a view, whose memory belongs to another tensor. */
	private final boolean owner;
	private boolean closed;
	/** The layout the memory holds; null: row-major. */
	private Layout layout;
	/** True once a view shares the memory: then it stays row-major and is never cached. */
	private boolean shared;
	private long version;
	/** Copies of the values in other layouts, by layout; closed with the tensor. */
	private Map<Object, AutoCloseable> copies;

	Nd4jTensor(INDArray array, int[] shape) {
		this(array, shape, true);
	}

	Nd4jTensor(INDArray array, int[] shape, boolean owner) {
		this.array = array;
		this.shape = shape.clone();
		this.owner = owner;
		this.shared = !owner;
	}

	/** The array, row-major, for an operation that may read or write it in any way. */
	INDArray rowMajor() {
		if (layout != null) {
			Layout l = layout;
			layout = null;
			l.toRowMajor(this);
		}
		version++;
		return array;
	}

	Layout layout() {
		return layout;
	}

	/** Records that a primitive wrote the values, in {@code layout} (null: row-major). */
	void written(Layout layout) {
		this.layout = layout;
		version++;
	}

	/** Whether the memory may hold another layout: a tensor of its own that no view shares. */
	boolean mayHoldLayout() {
		return owner && !shared;
	}

	/**
	 * Converts the values to {@code target} (which must have as many elements) if they are in another layout; for
	 * elementwise work with tensors that hold it.
	 */
	void adopt(Layouts.Blocked target) {
		if (layout == target) return;
		rowMajor();
		target.fromRowMajor(this);
	}

	/** Marks the memory as shared with a view, after converting it to row-major. */
	void share() {
		rowMajor();
		shared = true;
	}

	long version() {
		return version;
	}

	/** A copy kept under {@code key} while this tensor may be cached (see {@link #mayHoldLayout()}), else null. */
	@SuppressWarnings("unchecked")
	<T extends AutoCloseable> T copy(Object key, java.util.function.Supplier<T> create) {
		if (!mayHoldLayout()) return null;
		if (copies == null) copies = new HashMap<>();
		return (T) copies.computeIfAbsent(key, k -> create.get());
	}

	@Override
	public int[] shape() {
		return shape.clone();
	}

	@Override
	public void close() {
		if (closed) return;
		closed = true;
		if (copies != null) for (AutoCloseable c : copies.values())
			try {
				c.close();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		if (owner) array.close();
	}

	@Override
	public String toString() {
		return "Tensor" + Tensor.describe(shape);
	}
}

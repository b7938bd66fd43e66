package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.Pointer;

/**
 * Cutting volumes {@code [B, C, L₀, L₁, L₂]} into slices {@code [B·Lₐ, C, …]} along an axis, and its adjoint, as
 * oneDNN reorders: the volumes are described with permuted strides, so one multi-threaded copy does the
 * permutation (and the adjoint adds with a sum post-op).
 */
final class OneDnnSlicing implements AutoCloseable {

	/** One cached copy between the volumes' permuted view and the slices. */
	private static final class Copy {
		final memory volumes, slices;
		final reorder reorder;
		final IntMemoryMap args = new IntMemoryMap();

		Copy(long[] volumeShape, int axis, boolean unslice, boolean accumulate) {
			long b = volumeShape[0], c = volumeShape[1];
			long[] l = { volumeShape[2], volumeShape[3], volumeShape[4] };
			long[] stride = { l[1] * l[2], l[2], 1 };
			int[] rest = axis == 0 ? new int[] { 1, 2 } : axis == 1 ? new int[] { 0, 2 } : new int[] { 0, 1 };
			// slice b·Lₐ + j holds plane j of volume b: the slices are [B, Lₐ, C, L_r0, L_r1] row-major
			long[] dims = { b, l[axis], c, l[rest[0]], l[rest[1]] };
			long[] strides = { c * l[0] * l[1] * l[2], stride[axis], l[0] * l[1] * l[2], stride[rest[0]],
				stride[rest[1]] };
			memory.desc v = new memory.desc(dims, memory.data_type.f32, strides), s = OneDnn.plain(dims);
			volumes = new memory(v, OneDnn.engine(), (Pointer) null);
			slices = new memory(s, OneDnn.engine(), (Pointer) null);
			primitive_attr attr = new primitive_attr();
			if (accumulate) {
				post_ops sum = new post_ops();
				sum.append_sum();
				attr.set_post_ops(sum);
			}
			reorder = unslice ? new reorder(slices, volumes, attr) : new reorder(volumes, slices, attr);
			args.put(DNNL_ARG_FROM, unslice ? slices : volumes);
			args.put(DNNL_ARG_TO, unslice ? volumes : slices);
		}

		void run(long volumeAddress, long sliceAddress) {
			volumes.set_data_handle(new OneDnn.Address().at(volumeAddress));
			slices.set_data_handle(new OneDnn.Address().at(sliceAddress));
			reorder.execute(OneDnn.stream(), args);
			OneDnn.stream()._wait();
		}

		void close() {
			reorder.close();
			volumes.close();
			slices.close();
			args.close();
		}
	}

	private final Map<String, Copy> copies = new HashMap<>();

	private Copy copy(long[] volumeShape, int axis, boolean unslice, boolean accumulate) {
		if (axis < 0 || axis > 2) throw new IllegalArgumentException("axis must be 0, 1 or 2: " + axis);
		return copies.computeIfAbsent(Arrays.toString(volumeShape) + axis + unslice + accumulate, k -> new Copy(
			volumeShape, axis, unslice, accumulate));
	}

	/** Both row-major. */
	void slice(Nd4jTensor volumes, int axis, Nd4jTensor slices) {
		copy(volumes.array.shape(), axis, false, false).run(OneDnn.address(volumes.rowMajor()), OneDnn.address(slices
			.rowMajor()));
	}

	void unslice(Nd4jTensor slices, int axis, Nd4jTensor volumes, boolean accumulate) {
		copy(volumes.array.shape(), axis, true, accumulate).run(OneDnn.address(volumes.rowMajor()), OneDnn.address(
			slices
				.rowMajor()));
	}

	@Override
	public void close() {
		copies.values().forEach(Copy::close);
		copies.clear();
	}
}

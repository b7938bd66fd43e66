package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaEventCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaEventDisableTiming;
import static org.bytedeco.cuda.global.cudart.cudaEventRecord;
import static org.bytedeco.cuda.global.cudart.cudaEventSynchronize;
import static org.bytedeco.cuda.global.cudart.cudaFreeHost;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Pinned host buffers for uploads, used in turn: an upload returns at once and the copy runs in order with the
 * queued work, so a training step uploads its random numbers without waiting for the GPU. A buffer is refilled
 * only after its last copy has finished.
 */
final class UploadRing {

	private static final class Slot {
		final Pointer host = new Pointer();
		long capacity;
		final CUevent_st copied = new CUevent_st();
		boolean pending;
	}

	private final Slot[] ring = new Slot[64];
	private int next;

	void put(float[] values, Pointer device) {
		Slot s = slot(4L * values.length);
		new FloatPointer(s.host).put(values);
		copy(s, device, 4L * values.length);
	}

	void put(int[] values, Pointer device) {
		Slot s = slot(4L * values.length);
		new IntPointer(s.host).put(values);
		copy(s, device, 4L * values.length);
	}

	/** The next buffer, once its previous copy is done, large enough for {@code bytes}. */
	private Slot slot(long bytes) {
		Slot s = ring[next];
		if (s == null) {
			s = ring[next] = new Slot();
			Cuda.check(cudaEventCreateWithFlags(s.copied, cudaEventDisableTiming), "cudaEventCreate");
		}
		next = (next + 1) % ring.length;
		if (s.pending) Cuda.check(cudaEventSynchronize(s.copied), "cudaEventSynchronize");
		s.pending = false;
		if (s.capacity < bytes) {
			if (s.capacity > 0) cudaFreeHost(s.host);
			long size = Math.max(bytes, 1 << 16);
			Cuda.check(cudaMallocHost(s.host, size), "cudaMallocHost of " + size + " bytes");
			s.capacity = size;
		}
		return s;
	}

	private static void copy(Slot s, Pointer device, long bytes) {
		Cuda.check(cudaMemcpyAsync(device, s.host, bytes, cudaMemcpyHostToDevice), "cudaMemcpyAsync H2D");
		Cuda.check(cudaEventRecord(s.copied), "cudaEventRecord");
		s.pending = true;
	}

	void close() {
		for (Slot s : ring)
			if (s != null && s.capacity > 0) {
				cudaFreeHost(s.host);
				s.capacity = 0;
			}
	}
}

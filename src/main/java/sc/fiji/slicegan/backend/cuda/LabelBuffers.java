package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaFreeHost;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpy;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Generated labels on their way to Java: a device buffer the kernels write bytes into and a pinned host buffer
 * they are copied to in one transfer, both grown as needed and kept; then one {@code byte[]} per plane.
 */
final class LabelBuffers {

	private Pointer device = new Pointer(), host = new Pointer();
	private long bytes, filled;

	/** The device buffer, for at least {@code n} bytes. */
	Pointer device(long n) {
		if (n > bytes) {
			close();
			device = new Pointer();
			host = new Pointer();
			Cuda.check(cudaMalloc(device, n), "cudaMalloc of " + n + " bytes (labels)");
			Cuda.check(cudaMallocHost(host, n), "cudaMallocHost of " + n + " bytes (labels)");
			bytes = n;
		}
		filled = n;
		return device;
	}

	/** Copies the bytes written since {@link #device} to the host, as {@code planes[first + z]} of {@code plane} bytes. */
	void toPlanes(int depth, int plane, byte[][] planes, int first) {
		Cuda.check(cudaMemcpy(host, device, filled, cudaMemcpyDeviceToHost), "cudaMemcpy D2H (labels)");
		ByteBuffer all = new BytePointer(host).position(0).limit(filled).asByteBuffer();
		IntStream.range(0, depth).parallel().forEach(z -> {
			byte[] p = new byte[plane];
			ByteBuffer b = all.duplicate();
			b.position(z * plane);
			b.get(p);
			planes[first + z] = p;
		});
	}

	void close() {
		if (bytes > 0) {
			cudaFree(device);
			cudaFreeHost(host);
		}
		bytes = 0;
	}
}

package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudnn.cudnnGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;

/** Status checks that turn CUDA, cuDNN and NVRTC error codes into exceptions naming the call. */
final class Cuda {

	private Cuda() {}

	static void check(int status, String call) {
		if (status != 0) throw new IllegalStateException(call + " failed: " + cudaGetErrorString(status).getString() +
			" (" + status + ")");
	}

	static void checkDnn(int status, String call) {
		if (status != 0) throw new IllegalStateException(call + " failed: " + cudnnGetErrorString(status).getString() +
			" (" + status + ")");
	}

	static void checkRtc(int status, String call) {
		if (status != 0) throw new IllegalStateException(call + " failed: " + nvrtcGetErrorString(status).getString() +
			" (" + status + ")");
	}
}

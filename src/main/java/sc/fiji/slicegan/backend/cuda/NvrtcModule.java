package sc.fiji.slicegan.backend.cuda;

import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMajor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMinor;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Our kernels compiled once per process by NVRTC for the GPU found (sources: {@link KernelSource}), and the
 * launches: cuLaunchKernel takes an array of pointers to host copies of the arguments and copies them at launch,
 * so one reused buffer of 8-byte slots serves every launch (no native allocation per launch).
 */
final class NvrtcModule implements Kernels.Launcher {

	final String architecture;
	private final Map<String, CUfunc_st> functions = new HashMap<>();
	private final BytePointer argValues = new BytePointer(8L * KernelArgs.MAX);
	private final PointerPointer argPointers = new PointerPointer(KernelArgs.MAX);

	NvrtcModule() {
		for (int i = 0; i < KernelArgs.MAX; i++)
			argPointers.put(i, argValues.getPointer(8L * i));
		int[] major = new int[1], minor = new int[1];
		Cuda.check(cudaDeviceGetAttribute(major, cudaDevAttrComputeCapabilityMajor, 0), "cudaDeviceGetAttribute");
		Cuda.check(cudaDeviceGetAttribute(minor, cudaDevAttrComputeCapabilityMinor, 0), "cudaDeviceGetAttribute");
		architecture = "sm_" + major[0] + minor[0];
		Map<String, String> headers = KernelSource.headers();
		_nvrtcProgram program = new _nvrtcProgram();
		Cuda.checkRtc(nvrtcCreateProgram(program, new BytePointer(KernelSource.program()), new BytePointer(
			"slicegan.cu"),
			headers.size(), new PointerPointer(headers.values().toArray(new String[0])), new PointerPointer(headers
				.keySet()
				.toArray(new String[0]))), "nvrtcCreateProgram");
		try {
			PointerPointer options = new PointerPointer("--gpu-architecture=" + architecture, "-default-device");
			int status = nvrtcCompileProgram(program, 2, options);
			if (status != 0) {
				SizeTPointer logSize = new SizeTPointer(1);
				nvrtcGetProgramLogSize(program, logSize);
				BytePointer log = new BytePointer(logSize.get());
				nvrtcGetProgramLog(program, log);
				throw new IllegalStateException("NVRTC could not compile the kernels for " + architecture + ":\n" + log
					.getString());
			}
			SizeTPointer size = new SizeTPointer(1);
			Cuda.checkRtc(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
			BytePointer cubin = new BytePointer(size.get());
			Cuda.checkRtc(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN");
			CUmod_st module = new CUmod_st();
			Cuda.check(cuModuleLoadData(module, cubin), "cuModuleLoadData");
			for (String name : Kernels.names()) {
				CUfunc_st f = new CUfunc_st();
				Cuda.check(cuModuleGetFunction(f, module, name), "cuModuleGetFunction " + name);
				functions.put(name, f);
			}
		}
		finally {
			nvrtcDestroyProgram(program);
		}
	}

	@Override
	public void launch(String kernel, int grid, int gridY, int block, KernelArgs args) {
		CUfunc_st f = functions.get(kernel);
		if (f == null) throw new IllegalArgumentException("no kernel " + kernel);
		for (int i = 0; i < args.count; i++) {
			long at = 8L * i, v = args.bits[i];
			if (args.kinds[i] == 'i' || args.kinds[i] == 'f') argValues.putInt(at, (int) v);
			else argValues.putLong(at, v);
		}
		Cuda.check(cuLaunchKernel(f, grid, gridY, 1, block, 1, 1, 0, null, argPointers, null), "cuLaunchKernel " +
			kernel);
	}
}

package sc.fiji.slicegan.backend.nd4j;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Primitives built once per operation and shape, and reused: building one compiles its kernels. */
final class PlanCache implements AutoCloseable {

	private final Map<String, PrimitivePlan> plans = new HashMap<>();

	PrimitivePlan get(String key, Supplier<PrimitivePlan> build) {
		PrimitivePlan p = plans.get(key);
		if (p == null) {
			p = build.get();
			plans.put(key, p);
		}
		return p;
	}

	@Override
	public void close() {
		plans.values().forEach(PrimitivePlan::close);
		plans.clear();
	}
}

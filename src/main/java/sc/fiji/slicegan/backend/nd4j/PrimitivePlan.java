package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.Pointer;

/**
 * One oneDNN primitive for one shape, with the reorders between the caller's row-major buffers and the layouts the
 * primitive prefers. Operands are declared once; each call hands over only their addresses, in declaration order.
 */
final class PrimitivePlan implements AutoCloseable {

	private final primitive primitive;
	private final ScratchArena arena;
	private final IntMemoryMap args = new IntMemoryMap();
	private final List<Operand> operands = new ArrayList<>();
	private final OneDnn.Address pointer = new OneDnn.Address();

	/** An argument of the primitive: the caller's buffer, and a scratch copy in the primitive's layout if it differs. */
	private static final class Operand {
		final boolean output;
		final memory user;
		/** null when the primitive reads or writes the caller's buffer directly */
		final memory inner;
		final primitive reorder;
		final IntMemoryMap reorderArgs = new IntMemoryMap();
		final int slot;
		final long bytes;

		Operand(boolean output, memory user, memory inner, primitive reorder, int slot, long bytes) {
			this.output = output;
			this.user = user;
			this.inner = inner;
			this.reorder = reorder;
			this.slot = slot;
			this.bytes = bytes;
			if (reorder != null) {
				reorderArgs.put(DNNL_ARG_FROM, output ? inner : user);
				reorderArgs.put(DNNL_ARG_TO, output ? user : inner);
			}
		}
	}

	PrimitivePlan(primitive primitive, ScratchArena arena) {
		this.primitive = primitive;
		this.arena = arena;
	}

	private static memory unbound(memory.desc d) {
		return new memory(d, OneDnn.engine(), (Pointer) null);
	}

	/** An input the primitive reads as the caller passes it. */
	PrimitivePlan input(int arg, memory.desc desc) {
		return input(arg, desc, desc);
	}

	/** An output the primitive writes into the caller's buffer. */
	PrimitivePlan output(int arg, memory.desc desc) {
		return output(arg, desc, desc, false);
	}

	/** An input given row-major as {@code plain}, reordered into {@code preferred} when the two differ. */
	PrimitivePlan input(int arg, memory.desc plain, memory.desc preferred) {
		memory user = unbound(plain);
		Operand o;
		if (plain.equals(preferred)) o = new Operand(false, user, null, null, -1, 0);
		else {
			memory inner = unbound(preferred);
			o = new Operand(false, user, inner, new reorder(user, inner), operands.size(), preferred.get_size());
		}
		args.put(arg, o.inner != null ? o.inner : o.user);
		operands.add(o);
		return this;
	}

	/**
	 * An output written row-major into {@code plain}; the primitive writes {@code preferred} and a reorder converts
	 * when the two differ. With {@code accumulate} the result is added to what the caller's buffer holds.
	 */
	PrimitivePlan output(int arg, memory.desc plain, memory.desc preferred, boolean accumulate) {
		memory user = unbound(plain);
		Operand o;
		if (plain.equals(preferred) && !accumulate) o = new Operand(true, user, null, null, -1, 0);
		else {
			memory inner = unbound(preferred);
			primitive_attr attr = new primitive_attr();
			if (accumulate) {
				post_ops sum = new post_ops();
				sum.append_sum(); // scale 1
				attr.set_post_ops(sum);
			}
			o = new Operand(true, user, inner, new reorder(inner, user, attr), operands.size(), preferred.get_size());
		}
		args.put(arg, o.inner != null ? o.inner : o.user);
		operands.add(o);
		return this;
	}

	/** Runs the primitive on the buffers at {@code addresses}, one per operand in declaration order. */
	void execute(long... addresses) {
		if (addresses.length != operands.size()) throw new IllegalArgumentException(addresses.length + " addresses for " +
			operands.size() + " operands");
		for (int i = 0; i < addresses.length; i++) {
			Operand o = operands.get(i);
			o.user.set_data_handle(pointer.at(addresses[i]));
			if (o.inner != null) o.inner.set_data_handle(pointer.at(arena.address(o.slot, o.bytes)));
		}
		for (Operand o : operands)
			if (!o.output && o.reorder != null) o.reorder.execute(OneDnn.stream(), o.reorderArgs);
		primitive.execute(OneDnn.stream(), args);
		for (Operand o : operands)
			if (o.output && o.reorder != null) o.reorder.execute(OneDnn.stream(), o.reorderArgs);
		OneDnn.stream()._wait();
	}

	@Override
	public void close() {
		primitive.close();
		for (Operand o : operands) {
			if (o.reorder != null) o.reorder.close();
			o.user.close();
			if (o.inner != null) o.inner.close();
		}
		args.close();
	}
}

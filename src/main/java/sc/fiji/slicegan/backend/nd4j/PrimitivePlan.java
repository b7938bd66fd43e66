package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.Pointer;

/**
 * One oneDNN primitive for one shape, and how its operands meet the tensors of each call. An input is read where
 * it is when the tensor already holds the layout the primitive prefers, else reordered into scratch memory; weights
 * keep a reordered copy until they change; an output is written in the preferred layout straight into the tensor
 * when the tensor may hold it (see {@link Nd4jTensor#mayHoldLayout()}), else reordered to row-major.
 */
final class PrimitivePlan implements AutoCloseable {

	private final primitive primitive;
	private final Layouts layouts;
	private final ScratchArena arena;
	private final IntMemoryMap args = new IntMemoryMap();
	private final List<Operand> operands = new ArrayList<>();
	private boolean aligned;

	private enum Role {
		INPUT, WEIGHTS, OUTPUT, ACCUMULATE
	}

	/** A reorder between two memories whose addresses are set per call. */
	private static final class Reorder {
		final memory from, to;
		final reorder reorder;
		final IntMemoryMap args = new IntMemoryMap();

		Reorder(memory.desc from, memory.desc to, primitive_attr attr) {
			this.from = unbound(from);
			this.to = unbound(to);
			reorder = attr == null ? new reorder(this.from, this.to) : new reorder(this.from, this.to, attr);
			args.put(DNNL_ARG_FROM, this.from);
			args.put(DNNL_ARG_TO, this.to);
		}

		void run(long from, long to) {
			this.from.set_data_handle(new OneDnn.Address().at(from));
			this.to.set_data_handle(new OneDnn.Address().at(to));
			reorder.execute(OneDnn.stream(), args);
		}

		void close() {
			reorder.close();
			from.close();
			to.close();
			args.close();
		}
	}

	/** A weights copy in the preferred layout, valid for one version of the tensor. */
	private static final class WeightsCopy implements AutoCloseable {
		final memory memory;
		long version = -1;

		WeightsCopy(memory.desc desc) {
			memory = new memory(desc, OneDnn.engine());
		}

		@Override
		public void close() {
			memory.close();
		}
	}

	private final class Operand {
		final Role role;
		final int slot;
		final long[] dims;
		/** the preferred layout described with the tensor's dimensions (the primitive's may be in another order) */
		final memory.desc preferred;
		/** whether the preferred layout is row-major */
		final boolean rowMajor;
		/** names the preferred layout, for the weights copies a tensor keeps */
		final String key;
		/** the preferred layout as a tensor may hold it; null when row-major or padded beyond the tensor's size */
		final Layouts.Blocked layout;
		/** what the primitive reads or writes: the tensor's memory, scratch, or a weights copy */
		final memory inner;
		/** reorders into the preferred layout, by the layout the tensor holds (null key: row-major) */
		final Map<Nd4jTensor.Layout, Reorder> in = new HashMap<>();
		/** for outputs the tensor cannot take in the preferred layout: back to row-major (adding when accumulating) */
		Reorder out;
		/** for accumulating into a tensor that holds the preferred layout: an addition in that layout */
		Reorder add;

		Operand(Role role, memory.desc own, memory.desc preferred, long[] dims) {
			this.role = role;
			this.slot = operands.size();
			this.dims = dims;
			this.preferred = preferred;
			this.rowMajor = preferred.equals(OneDnn.plain(dims));
			this.key = OneDnn.key(preferred);
			this.layout = rowMajor ? null : layouts.of(preferred, dims);
			this.inner = unbound(own);
		}

		Reorder into(Nd4jTensor.Layout held) {
			return in.computeIfAbsent(held, h -> new Reorder(h == null ? OneDnn.plain(dims)
				: ((Layouts.Blocked) h).desc,
				preferred, null));
		}

		Reorder back() {
			if (out == null) {
				primitive_attr attr = null;
				if (role == Role.ACCUMULATE) {
					post_ops sum = new post_ops();
					sum.append_sum(); // scale 1: add to what the tensor holds
					attr = new primitive_attr();
					attr.set_post_ops(sum);
				}
				out = new Reorder(preferred, OneDnn.plain(dims), attr);
			}
			return out;
		}

		/** Binds the memory the primitive reads, reordering or refreshing a copy first if needed. */
		void bindInput(Nd4jTensor t) {
			long address = OneDnn.address(t.array);
			Nd4jTensor.Layout held = t.layout();
			if ((held == null ? rowMajor : held == layout) && usable(address)) {
				inner.set_data_handle(new OneDnn.Address().at(address));
				return;
			}
			if (role == Role.WEIGHTS) {
				WeightsCopy copy = t.copy(key, () -> new WeightsCopy(inner.get_desc()));
				if (copy != null) {
					if (copy.version != t.version()) {
						into(held).run(address, copy.memory.get_data_handle().address());
						copy.version = t.version();
					}
					inner.set_data_handle(copy.memory.get_data_handle());
					return;
				}
			}
			long temp = arena.address(slot, preferred.get_size());
			into(held).run(address, temp);
			inner.set_data_handle(new OneDnn.Address().at(temp));
		}

		Reorder adder() {
			if (add == null) {
				post_ops sum = new post_ops();
				sum.append_sum();
				primitive_attr attr = new primitive_attr();
				attr.set_post_ops(sum);
				add = new Reorder(preferred, preferred, attr);
			}
			return add;
		}

		/**
		 * Binds the memory the primitive writes; true when that is the tensor itself. A tensor that accumulates is
		 * brought into the preferred layout once, and then keeps it (filling with zeros and Adam keep layouts), so
		 * that each accumulation is a plain addition rather than a reorder.
		 */
		boolean bindOutput(Nd4jTensor t) {
			boolean direct = role == Role.OUTPUT && (rowMajor || layout != null && t.mayHoldLayout()) && usable(OneDnn
				.address(t.array));
			if (role == Role.ACCUMULATE) {
				if (layout != null && t.mayHoldLayout()) t.adopt(layout);
				else t.rowMajor();
			}
			inner.set_data_handle(new OneDnn.Address().at(direct ? OneDnn.address(t.array) : arena.address(slot,
				preferred
					.get_size())));
			return direct;
		}

		void finishOutput(Nd4jTensor t, boolean direct) {
			if (direct) t.written(layout);
			else if (role == Role.ACCUMULATE && layout != null && t.layout() == layout) {
				adder().run(inner.get_data_handle().address(), OneDnn.address(t.array));
				t.written(layout);
			}
			else {
				back().run(inner.get_data_handle().address(), OneDnn.address(t.array));
				t.written(null);
			}
		}

		void close() {
			in.values().forEach(Reorder::close);
			if (out != null) out.close();
			if (add != null) add.close();
			inner.close();
		}
	}

	PrimitivePlan(primitive primitive, Layouts layouts, ScratchArena arena) {
		this.primitive = primitive;
		this.layouts = layouts;
		this.arena = arena;
	}

	/** Whether the primitive may read or write the tensor at {@code address} in place. */
	private boolean usable(long address) {
		return !aligned || address % ScratchArena.ALIGNMENT == 0;
	}

	/**
	 * Operands at addresses that are not aligned as oneDNN's own allocations go through aligned scratch memory: for
	 * kernels that fault on them (linear resampling's non-temporal stores in oneDNN 2.5).
	 */
	PrimitivePlan aligned() {
		aligned = true;
		return this;
	}

	private static memory unbound(memory.desc d) {
		return new memory(d, OneDnn.engine(), (Pointer) null);
	}

	private PrimitivePlan add(int arg, Role role, memory.desc own, memory.desc preferred, long[] dims) {
		Operand o = new Operand(role, own, preferred, dims);
		args.put(arg, o.inner);
		operands.add(o);
		return this;
	}

	/** An input of {@code dims}, read in the layout {@code preferred}. */
	PrimitivePlan input(int arg, memory.desc preferred, long[] dims) {
		return add(arg, Role.INPUT, preferred, preferred, dims);
	}

	/**
	 * Weights of {@code dims}, read from a copy in the layout kept until they change: {@code own} as the primitive
	 * describes it, {@code preferred} the same bytes described with the tensor's dimensions.
	 */
	PrimitivePlan weights(int arg, memory.desc own, memory.desc preferred, long[] dims) {
		return add(arg, Role.WEIGHTS, own, preferred, dims);
	}

	/** An output of {@code dims} the primitive writes in {@code preferred}; with {@code accumulate}, added row-major. */
	PrimitivePlan output(int arg, memory.desc preferred, long[] dims, boolean accumulate) {
		return add(arg, accumulate ? Role.ACCUMULATE : Role.OUTPUT, preferred, preferred, dims);
	}

	/** As {@link #output(int, memory.desc, long[], boolean)} with the primitive's own description {@code own}. */
	PrimitivePlan output(int arg, memory.desc own, memory.desc preferred, long[] dims, boolean accumulate) {
		return add(arg, accumulate ? Role.ACCUMULATE : Role.OUTPUT, own, preferred, dims);
	}

	/** Runs the primitive on {@code tensors}, one per operand in declaration order. */
	void execute(Nd4jTensor... tensors) {
		if (tensors.length != operands.size()) throw new IllegalArgumentException(tensors.length + " tensors for " +
			operands.size() + " operands");
		boolean[] direct = new boolean[tensors.length];
		for (int i = 0; i < tensors.length; i++) {
			Operand o = operands.get(i);
			if (o.role == Role.INPUT || o.role == Role.WEIGHTS) o.bindInput(tensors[i]);
		}
		for (int i = 0; i < tensors.length; i++) {
			Operand o = operands.get(i);
			if (o.role == Role.OUTPUT || o.role == Role.ACCUMULATE) direct[i] = o.bindOutput(tensors[i]);
		}
		primitive.execute(OneDnn.stream(), args);
		for (int i = 0; i < tensors.length; i++) {
			Operand o = operands.get(i);
			if (o.role == Role.OUTPUT || o.role == Role.ACCUMULATE) o.finishOutput(tensors[i], direct[i]);
		}
		OneDnn.stream()._wait();
	}

	@Override
	public void close() {
		primitive.close();
		operands.forEach(Operand::close);
		args.close();
	}
}

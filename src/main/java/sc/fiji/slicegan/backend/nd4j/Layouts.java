package sc.fiji.slicegan.backend.nd4j;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.javacpp.Pointer;

/**
 * The layouts oneDNN prefers for activations (e.g. channels in blocks of 16), one object per layout, so that a
 * tensor can hold its values in one between primitives and the next primitive reads them without a reorder. Each
 * knows the way back to row-major for every other operation.
 */
final class Layouts implements AutoCloseable {

	private final Map<String, Blocked> known = new HashMap<>();
	private final ScratchArena arena = new ScratchArena();

	/**
	 * The layout of {@code desc} for a tensor of {@code dims}, or null when it is row-major or holds more elements
	 * than the tensor (padded blocks).
	 */
	Blocked of(memory.desc desc, long[] dims) {
		memory.desc plain = OneDnn.plain(dims);
		if (desc.equals(plain) || desc.get_size() != plain.get_size()) return null;
		return known.computeIfAbsent(OneDnn.key(desc), k -> new Blocked(desc, plain));
	}

	/** The description of the layout t holds. */
	static memory.desc descOf(Nd4jTensor t) {
		Nd4jTensor.Layout l = t.layout();
		return l == null ? OneDnn.plain(t.array.shape()) : ((Blocked) l).desc;
	}

	/** A layout other than row-major with as many elements as the tensor. */
	final class Blocked implements Nd4jTensor.Layout {
		final memory.desc desc;
		private final memory from, to, plainFrom, blockedTo;
		private final reorder back, there;
		private final IntMemoryMap args = new IntMemoryMap(), thereArgs = new IntMemoryMap();
		private final long bytes;
		private final OneDnn.Address pointer = new OneDnn.Address(), scratch = new OneDnn.Address();

		Blocked(memory.desc desc, memory.desc plain) {
			this.desc = desc;
			from = new memory(desc, OneDnn.engine(), (Pointer) null);
			to = new memory(plain, OneDnn.engine(), (Pointer) null);
			back = new reorder(from, to);
			args.put(DNNL_ARG_FROM, from);
			args.put(DNNL_ARG_TO, to);
			plainFrom = new memory(plain, OneDnn.engine(), (Pointer) null);
			blockedTo = new memory(desc, OneDnn.engine(), (Pointer) null);
			there = new reorder(plainFrom, blockedTo);
			thereArgs.put(DNNL_ARG_FROM, plainFrom);
			thereArgs.put(DNNL_ARG_TO, blockedTo);
			bytes = plain.get_size();
		}

		/** Converts a row-major tensor to this layout, in place. */
		void fromRowMajor(Nd4jTensor t) {
			long address = OneDnn.address(t.array), temp = arena.address(0, bytes);
			plainFrom.set_data_handle(pointer.at(address));
			blockedTo.set_data_handle(scratch.at(temp));
			there.execute(OneDnn.stream(), thereArgs);
			OneDnn.stream()._wait();
			Pointer.memcpy(pointer.at(address), scratch.at(temp), bytes);
			t.written(this);
		}

		@Override
		public void toRowMajor(Nd4jTensor t) {
			long address = OneDnn.address(t.array), temp = arena.address(0, bytes);
			from.set_data_handle(pointer.at(address));
			to.set_data_handle(scratch.at(temp));
			back.execute(OneDnn.stream(), args);
			OneDnn.stream()._wait();
			Pointer.memcpy(pointer.at(address), scratch.at(temp), bytes);
		}

		void close() {
			back.close();
			there.close();
			for (memory m : new memory[] { from, to, plainFrom, blockedTo })
				m.close();
			args.close();
			thereArgs.close();
		}
	}

	@Override
	public void close() {
		known.values().forEach(Blocked::close);
		known.clear();
		arena.close();
	}
}

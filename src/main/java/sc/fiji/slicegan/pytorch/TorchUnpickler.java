package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler, restricted to what a PyTorch state dict holds: {@code collections.OrderedDict}, tensors
 * rebuilt by {@code torch._utils._rebuild_tensor_v2} (or {@code _rebuild_parameter}) from storages that are persistent
 * ids {@code ('storage', torch.FloatStorage, key, location, size)}. Any other class a pickle names stops the reading
 * with {@link ForeignClass}, which says what the file holds instead. The classes are resolved here, per unpickler,
 * rather than in Pyrolite's global registry, which other plugins in the same Fiji share. With
 * {@code allowTensors = false} (a params file) no class at all is accepted.
 */
final class TorchUnpickler extends Unpickler {

	/** A class named by a pickle that is not part of a state dict. */
	static final class ForeignClass extends RuntimeException {
		final String name;

		ForeignClass(String name) {
			super("refers to " + name);
			this.name = name;
		}
	}

	/** A storage, as a persistent id names it: its element type, its key in the archive ({@code data/KEY}), its size. */
	static final class StorageRef {
		final StorageType type;
		final String key;
		final long size;

		StorageRef(StorageType type, String key, long size) {
			this.type = type;
			this.key = key;
			this.size = size;
		}
	}

	/** A tensor as {@code _rebuild_tensor_v2} describes it: a view of a storage. */
	static final class TensorRef {
		final StorageRef storage;
		final long offset;
		final int[] size;
		final long[] stride;

		TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {
			this.storage = storage;
			this.offset = offset;
			this.size = size;
			this.stride = stride;
		}
	}

	/**
	 * An {@code OrderedDict}: a map, in order, which also takes the attributes a pickle sets on it (a state dict's
	 * {@code _metadata}, the modules' versions), as Pyrolite's BUILD calls {@code __setstate__}.
	 */
	public static final class OrderedDict extends LinkedHashMap<Object, Object> {
		private static final long serialVersionUID = 1L;

		public void __setstate__(HashMap<?, ?> attributes) {
			// the attributes (module versions) say nothing the import needs
		}
	}

	/** A storage class ({@code torch.FloatStorage}) as an object on the stack. */
	private static final class StorageClass implements IObjectConstructor {
		final StorageType type;

		StorageClass(StorageType type) {
			this.type = type;
		}

		@Override
		public Object construct(Object[] args) {
			throw new PickleException("a storage class is not called in a state dict");
		}
	}

	private final boolean allowTensors;

	TorchUnpickler(boolean allowTensors) {
		this.allowTensors = allowTensors;
	}

	@Override
	protected Object dispatch(short key) throws PickleException, IOException {
		if (key == Opcodes.GLOBAL) {
			String module = PickleUtils.readline(input), name = PickleUtils.readline(input);
			stack.add(resolve(module, name));
			return NO_RETURN_VALUE;
		}
		if (key == Opcodes.STACK_GLOBAL) {
			String name = String.valueOf(stack.pop()), module = String.valueOf(stack.pop());
			stack.add(resolve(module, name));
			return NO_RETURN_VALUE;
		}
		if (key == Opcodes.SETITEMS) {
			// in the pickle's order (Pyrolite's own gathers the items in a HashMap first): a state dict's order is its
			// modules' order
			List<Object> items = stack.pop_all_since_marker();
			@SuppressWarnings("unchecked")
			Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
			for (int i = 0; i + 1 < items.size(); i += 2)
				dict.put(items.get(i), items.get(i + 1));
			return NO_RETURN_VALUE;
		}
		if (key == Opcodes.INST || key == Opcodes.OBJ || key == Opcodes.EXT1 || key == Opcodes.EXT2 ||
			key == Opcodes.EXT4) throw new ForeignClass("a Python object (pickle opcode " + (char) key + ")");
		return super.dispatch(key);
	}

	private IObjectConstructor resolve(String module, String name) {
		String full = module + "." + name;
		if (!allowTensors) throw new ForeignClass(full);
		if (full.equals("collections.OrderedDict")) return args -> {
			if (args.length != 0) throw new PickleException("OrderedDict with arguments");
			return new OrderedDict();
		};
		if (full.equals("torch._utils._rebuild_tensor_v2")) return TorchUnpickler::rebuildTensor;
		if (full.equals("torch._utils._rebuild_parameter")) return args -> {
			if (args.length < 1 || !(args[0] instanceof TensorRef)) throw new PickleException(
				"a parameter without data");
			return args[0];
		};
		if (module.equals("torch") && StorageType.of(name) != null) return new StorageClass(StorageType.of(name));
		throw new ForeignClass(full);
	}

	/** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
	private static Object rebuildTensor(Object[] a) {
		if (a.length < 4 || !(a[0] instanceof StorageRef) || !(a[2] instanceof Object[]) || !(a[3] instanceof Object[]))
			throw new PickleException("a tensor that is not (storage, offset, size, stride, …)");
		Object[] size = (Object[]) a[2], stride = (Object[]) a[3];
		if (size.length != stride.length) throw new PickleException("a tensor whose size and stride differ in length");
		int[] s = new int[size.length];
		long[] st = new long[size.length];
		for (int i = 0; i < s.length; i++) {
			long d = number(size[i]);
			if (d < 0 || d > Integer.MAX_VALUE) throw new PickleException("a tensor of size " + d);
			s[i] = (int) d;
			st[i] = number(stride[i]);
		}
		return new TensorRef((StorageRef) a[0], number(a[1]), s, st);
	}

	private static long number(Object o) {
		if (o instanceof Integer || o instanceof Long) return ((Number) o).longValue();
		throw new PickleException("a tensor's offset, size or stride is not an integer");
	}

	/** A persistent id: {@code ('storage', storage class, key, location, size)}. */
	@Override
	protected Object persistentLoad(Object pid) {
		if (!allowTensors) throw new ForeignClass("a persistent object");
		if (!(pid instanceof Object[])) throw new PickleException("a persistent id that is not a tuple");
		Object[] t = (Object[]) pid;
		if (t.length < 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageClass)) throw new PickleException(
			"a persistent id that is not a storage");
		return new StorageRef(((StorageClass) t[1]).type, String.valueOf(t[2]), number(t[4]));
	}
}

package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Pickler;

/**
 * Pyrolite's pickler with the few Python objects a state dict is made of: {@code collections.OrderedDict}, tensors as
 * calls of {@code torch._utils._rebuild_tensor_v2} and their storages as persistent ids, which {@code torch.load} (also
 * with {@code weights_only=True}) resolves to the files {@code data/KEY} of the archive. Protocol 2, no memo: what
 * PyTorch writes, without the back-references.
 */
final class TorchPickler extends Pickler {

	/** A reference to a Python class or function, pickled as GLOBAL module name. */
	static final class Global {
		final String module, name;

		Global(String module, String name) {
			this.module = module;
			this.name = name;
		}
	}

	/** A storage of the archive: {@code data/KEY} with {@code size} elements of a type. */
	static final class Storage {
		final StorageType type;
		final String key;
		final long size;

		Storage(StorageType type, String key, long size) {
			this.type = type;
			this.key = key;
			this.size = size;
		}
	}

	/** A contiguous tensor filling a whole storage. */
	static final class Tensor {
		final Storage storage;
		final int[] shape;

		Tensor(Storage storage, int[] shape) {
			this.storage = storage;
			this.shape = shape;
		}
	}

	/** An OrderedDict of string keys. */
	static final class OrderedDict {
		final Map<String, Object> items = new LinkedHashMap<>();
	}

	private static final Global ORDERED_DICT = new Global("collections", "OrderedDict"), REBUILD = new Global(
		"torch._utils", "_rebuild_tensor_v2");

	TorchPickler() {
		super(false);
	}

	@Override
	protected IObjectPickler getCustomPickler(Class<?> t) {
		if (t == Global.class) return (o, out, p) -> global(out, (Global) o);
		if (t == OrderedDict.class) return (o, out, p) -> {
			global(out, ORDERED_DICT);
			out.write(Opcodes.EMPTY_TUPLE);
			out.write(Opcodes.REDUCE);
			Map<String, Object> items = ((OrderedDict) o).items;
			if (items.isEmpty()) return;
			out.write(Opcodes.MARK);
			for (Map.Entry<String, Object> e : items.entrySet()) {
				p.save(e.getKey());
				p.save(e.getValue());
			}
			out.write(Opcodes.SETITEMS);
		};
		if (t == Tensor.class) return (o, out, p) -> {
			Tensor tensor = (Tensor) o;
			int rank = tensor.shape.length;
			Object[] size = new Object[rank], stride = new Object[rank];
			long step = 1;
			for (int d = rank - 1; d >= 0; d--) {
				size[d] = tensor.shape[d];
				stride[d] = step;
				step *= tensor.shape[d];
			}
			global(out, REBUILD);
			// (storage, storage_offset, size, stride, requires_grad, backward_hooks)
			p.save(new Object[] { tensor.storage, 0, size, stride, false, new OrderedDict() });
			out.write(Opcodes.REDUCE);
		};
		return super.getCustomPickler(t);
	}

	private static void global(OutputStream out, Global g) throws IOException {
		out.write(Opcodes.GLOBAL);
		out.write((g.module + "\n" + g.name + "\n").getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	protected Object persistentId(Object o) {
		if (!(o instanceof Storage)) return null;
		Storage s = (Storage) o;
		return new Object[] { "storage", new Global("torch", s.type.className), s.key, "cpu", s.size };
	}
}

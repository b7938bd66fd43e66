package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.pytorch.TorchUnpickler.ForeignClass;
import sc.fiji.slicegan.pytorch.TorchUnpickler.StorageRef;
import sc.fiji.slicegan.pytorch.TorchUnpickler.TensorRef;

/**
 * Reads a state dict saved by {@code torch.save} (PyTorch 1.6 and later): a zip whose one folder holds
 * {@code data.pkl}, the pickled dict naming every tensor's storage, view and shape, and {@code data/KEY}, each storage's
 * raw elements (little-endian unless the folder's {@code byteorder} says otherwise). Anything else a user might pick
 * (the legacy format, a TorchScript archive, a pickled module, a plain pickle, a damaged or truncated file) gets a
 * message that says which it is.
 */
public final class TorchFileReader {

	/** A legacy (non-zip) torch.save file starts with protocol 2 and this pickled magic number. */
	private static final byte[] LEGACY = { (byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46,
		(byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19 };

	private final Path file;

	private TorchFileReader(Path file) {
		this.file = file;
	}

	/** The tensors of a state dict by key, in the file's order. */
	public static Map<String, TorchTensor> read(Path file) {
		return new TorchFileReader(file).read();
	}

	private Map<String, TorchTensor> read() {
		checkHeader();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			String folder = folder(zip);
			ByteOrder order = byteOrder(zip, folder);
			return tensors(unpickle(zip, folder), zip, folder, order);
		}
		catch (ZipException e) {
			throw damaged("its zip structure is broken: " + e.getMessage(), e);
		}
		catch (IOException e) {
			throw damaged(e.getMessage(), e);
		}
	}

	private Object unpickle(ZipFile zip, String folder) throws IOException {
		try (InputStream in = zip.getInputStream(zip.getEntry(folder + "data.pkl"))) {
			return new TorchUnpickler(true).load(in);
		}
		catch (ForeignClass e) {
			throw foreign(e.name);
		}
		catch (ZipException e) {
			throw e;
		}
		catch (IOException | RuntimeException e) {
			// Pyrolite's PickleException, an end of file, or what a damaged pickle leaves on its stack
			throw damaged("its data.pkl cannot be read: " + e, e);
		}
	}

	private String name() {
		return "'" + file + "'";
	}

	private BadInputException damaged(String why, Throwable cause) {
		return new BadInputException(name() + " is a damaged or truncated PyTorch file (" + why + "). Copy it again " +
			"from where it was saved.", cause);
	}

	private BadInputException notAStateDict(String what) {
		return new BadInputException(name() + " " + what + ", not the state dict of a generator. The published " +
			"SliceGAN saves its generator as NAME_Gen.pt with torch.save(netG.state_dict(), ...); choose that file.");
	}

	private BadInputException foreign(String className) {
		return notAStateDict("holds a pickled Python object (" + className + ")");
	}

	/** Tells the zip format from the other things a file may be before the zip reader sees it. */
	private void checkHeader() {
		byte[] head = new byte[LEGACY.length];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, head.length);
		}
		catch (NoSuchFileException e) {
			throw new BadInputException("The PyTorch file " + file + " does not exist.");
		}
		catch (IOException e) {
			throw new BadInputException("Cannot read " + name() + ": " + e.getMessage(), e);
		}
		if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return;
		if (n == LEGACY.length && Arrays.equals(head, LEGACY)) throw new BadInputException(name() +
			" is in PyTorch's " +
			"legacy format (from PyTorch before 1.6, or saved with _use_new_zipfile_serialization=False), which this " +
			"plugin does not read. Convert it in Python with a current PyTorch: torch.save(torch.load('OLD_Gen.pt'), " +
			"'NEW_Gen.pt').");
		if (n == 0) throw new BadInputException(name() + " is empty: choose the generator file NAME_Gen.pt.");
		if ((head[0] & 0xff) == 0x80) throw new BadInputException(name() + " is a plain Python pickle, not a PyTorch " +
			"file (is it the params file NAME_params.data?): choose the generator file NAME_Gen.pt.");
		if (n >= 2 && head[0] == 'P' && head[1] == 'K') throw damaged("its zip header is broken", null);
		throw new BadInputException(name() + " is not a PyTorch file: choose the generator file NAME_Gen.pt that " +
			"torch.save wrote.");
	}

	/** The one folder ("archive/" or the file's stem) that holds data.pkl. */
	private String folder(ZipFile zip) {
		List<String> folders = new ArrayList<>();
		boolean script = false;
		for (ZipEntry e : Collections.list(zip.entries())) {
			String n = e.getName();
			int slash = n.indexOf('/');
			if (slash > 0 && n.substring(slash + 1).equals("data.pkl")) folders.add(n.substring(0, slash + 1));
			if (slash > 0 && (n.substring(slash + 1).equals("constants.pkl") || n.substring(slash + 1).startsWith(
				"code/"))) script = true;
		}
		if (script) throw notAStateDict("is a TorchScript archive (torch.jit.save)");
		if (folders.size() != 1) throw new BadInputException(name() + " is a zip file but not one that torch.save " +
			"wrote (it has " + (folders.isEmpty() ? "no" : folders.size()) + " data.pkl). Choose the generator file " +
			"NAME_Gen.pt.");
		return folders.get(0);
	}

	private ByteOrder byteOrder(ZipFile zip, String folder) throws IOException {
		ZipEntry e = zip.getEntry(folder + "byteorder");
		if (e == null) return ByteOrder.LITTLE_ENDIAN;
		try (InputStream in = zip.getInputStream(e)) {
			String s = new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim();
			if (s.equals("little")) return ByteOrder.LITTLE_ENDIAN;
			if (s.equals("big")) return ByteOrder.BIG_ENDIAN;
			throw damaged("its byte order is '" + s + "'", null);
		}
	}

	private Map<String, TorchTensor> tensors(Object top, ZipFile zip, String folder, ByteOrder order)
		throws IOException
	{
		if (!(top instanceof Map)) throw notAStateDict("holds " + describe(top));
		Map<String, ByteBuffer> storages = new HashMap<>();
		Map<String, TorchTensor> out = new LinkedHashMap<>();
		List<String> other = new ArrayList<>();
		for (Map.Entry<?, ?> e : ((Map<?, ?>) top).entrySet()) {
			if (!(e.getKey() instanceof String) || !(e.getValue() instanceof TensorRef)) {
				other.add(e.getKey() + " (" + describe(e.getValue()) + ")");
				continue;
			}
			TensorRef t = (TensorRef) e.getValue();
			ByteBuffer data = storages.get(t.storage.key);
			if (data == null) {
				data = storage(zip, folder, t.storage, order);
				storages.put(t.storage.key, data);
			}
			out.put((String) e.getKey(), tensor((String) e.getKey(), t, data));
		}
		if (!other.isEmpty()) throw notAStateDict("holds a dictionary of " + String.join(", ", other.subList(0, Math
			.min(4, other.size()))) + (other.size() > 4 ? ", …" : ""));
		return out;
	}

	private static String describe(Object o) {
		if (o == null) return "None";
		if (o instanceof Map) return "a dictionary";
		if (o instanceof List || o instanceof Object[]) return "a list";
		if (o instanceof TensorRef) return "a tensor";
		if (o instanceof String) return "text";
		if (o instanceof Number) return "a number";
		return "a " + o.getClass().getSimpleName();
	}

	private ByteBuffer storage(ZipFile zip, String folder, StorageRef s, ByteOrder order) throws IOException {
		ZipEntry e = zip.getEntry(folder + "data/" + s.key);
		if (e == null) throw damaged("storage " + s.key + " is missing", null);
		long bytes = s.size * s.type.bytes;
		if (s.size < 0 || bytes > Integer.MAX_VALUE - 8) throw damaged("storage " + s.key + " has " + s.size +
			" elements", null);
		byte[] b;
		try (InputStream in = zip.getInputStream(e)) {
			b = in.readNBytes((int) bytes);
		}
		if (b.length < bytes) throw damaged("storage " + s.key + " holds " + b.length + " of its " + bytes + " bytes",
			null);
		return ByteBuffer.wrap(b).order(order);
	}

	/** The tensor's elements in row-major order, gathered through its strides. */
	private TorchTensor tensor(String key, TensorRef t, ByteBuffer data) {
		long n = TorchTensor.elements(t.size);
		if (n > Integer.MAX_VALUE - 8) throw damaged(key + " has " + n + " elements", null);
		long last = t.offset;
		for (int d = 0; d < t.size.length; d++) {
			if (t.stride[d] < 0) throw damaged(key + " has a negative stride", null);
			if (t.size[d] > 0) last += (t.size[d] - 1L) * t.stride[d];
		}
		if (n > 0 && (t.offset < 0 || last >= t.storage.size)) throw damaged(key + " reaches beyond its storage",
			null);
		float[] v = new float[(int) n];
		int rank = t.size.length;
		int[] index = new int[rank];
		for (int i = 0; i < v.length; i++) {
			long at = t.offset;
			for (int d = 0; d < rank; d++)
				at += index[d] * t.stride[d];
			v[i] = t.storage.type.get(data, at);
			for (int d = rank - 1; d >= 0 && ++index[d] == t.size[d]; d--)
				index[d] = 0;
		}
		return new TorchTensor(t.storage.type, t.size, v);
	}
}

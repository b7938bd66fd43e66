package sc.fiji.slicegan.pytorch;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a state dict as {@code torch.save} does (the zip format of PyTorch 1.6 and later, which {@code torch.load}
 * reads, {@code weights_only} or not): {@code archive/data.pkl}, {@code archive/byteorder}, one
 * {@code archive/data/KEY} per tensor and {@code archive/version}. Entries are stored uncompressed with their data
 * aligned to 64 bytes, as PyTorch's own writer lays them out.
 */
public final class TorchFileWriter {

	static final String FOLDER = "archive/";
	/** The format version torch.save writes for a pickled object. */
	static final String VERSION = "3\n";
	private static final int ALIGNMENT = 64;
	/** A fixed time for every entry, so that the same model gives the same bytes. */
	private static final long TIME = 315_532_800_000L + 86_400_000L;

	private TorchFileWriter() {}

	/** Writes the tensors (float32 or int64) in the map's order. */
	public static void write(Map<String, TorchTensor> stateDict, OutputStream target) throws IOException {
		TorchPickler.OrderedDict dict = new TorchPickler.OrderedDict();
		int key = 0;
		for (Map.Entry<String, TorchTensor> e : stateDict.entrySet()) {
			TorchTensor t = e.getValue();
			if (t.type != StorageType.FLOAT && t.type != StorageType.LONG) throw new IllegalArgumentException(
				"only float32 and int64 tensors are written, not " + t.type);
			dict.items.put(e.getKey(), new TorchPickler.Tensor(new TorchPickler.Storage(t.type, String.valueOf(key++),
				t.values.length), t.shape));
		}
		ByteArrayOutputStream pickle = new ByteArrayOutputStream();
		new TorchPickler().dump(dict, pickle);
		Counting counted = new Counting(target);
		ZipOutputStream zip = new ZipOutputStream(counted);
		entry(zip, counted, FOLDER + "data.pkl", pickle.toByteArray());
		entry(zip, counted, FOLDER + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
		key = 0;
		for (TorchTensor t : stateDict.values())
			entry(zip, counted, FOLDER + "data/" + key++, bytes(t));
		entry(zip, counted, FOLDER + "version", VERSION.getBytes(StandardCharsets.US_ASCII));
		zip.finish();
		zip.flush();
	}

	private static byte[] bytes(TorchTensor t) {
		ByteBuffer b = ByteBuffer.allocate(t.values.length * t.type.bytes).order(ByteOrder.LITTLE_ENDIAN);
		for (float v : t.values)
			if (t.type == StorageType.LONG) b.putLong((long) v);
			else b.putFloat(v);
		return b.array();
	}

	/** A stored entry whose data starts at a multiple of 64 bytes (padding in the local header's extra field). */
	private static void entry(ZipOutputStream zip, Counting counted, String name, byte[] data) throws IOException {
		ZipEntry e = new ZipEntry(name);
		e.setMethod(ZipEntry.STORED);
		e.setSize(data.length);
		e.setCompressedSize(data.length);
		CRC32 crc = new CRC32();
		crc.update(data);
		e.setCrc(crc.getValue());
		e.setTime(TIME);
		zip.flush();
		// local header: 30 bytes, the name, the extra field (id "FB", length, padding)
		long start = counted.count + 30 + name.getBytes(StandardCharsets.UTF_8).length + 4;
		int pad = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
		byte[] extra = new byte[4 + pad];
		extra[0] = 'F';
		extra[1] = 'B';
		extra[2] = (byte) pad;
		extra[3] = (byte) (pad >>> 8);
		e.setExtra(extra);
		zip.putNextEntry(e);
		zip.write(data);
		zip.closeEntry();
	}

	/** Counts the bytes written, to align the entries. */
	private static final class Counting extends FilterOutputStream {
		long count;

		Counting(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}
	}
}

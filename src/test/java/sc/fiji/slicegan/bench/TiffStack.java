package sc.fiji.slicegan.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * 8-bit grey TIFF stacks without ImageJ, for the fidelity benchmark on machines whose Java has no AWT (the GPU
 * bundle's): reads one page per plane, uncompressed or deflate (with or without horizontal differencing), and writes
 * uncompressed stacks that ImageJ, Pillow and tifffile open.
 */
final class TiffStack {

	final int width, height;
	final byte[][] planes;

	TiffStack(int width, int height, byte[][] planes) {
		this.width = width;
		this.height = height;
		this.planes = planes;
	}

	static TiffStack read(Path file) throws IOException {
		ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
		char order = (char) b.get(0);
		if (order == 'I') b.order(ByteOrder.LITTLE_ENDIAN);
		else if (order == 'M') b.order(ByteOrder.BIG_ENDIAN);
		else throw new IOException(file + " is not a TIFF file");
		if (b.getShort(2) != 42) throw new IOException(file + " is not a classic TIFF file (BigTIFF is not read)");
		long ifd = b.getInt(4) & 0xffffffffL;
		List<byte[]> planes = new ArrayList<>();
		int width = -1, height = -1;
		while (ifd != 0) {
			int n = b.getShort((int) ifd) & 0xffff;
			int w = 0, h = 0, bits = 1, compression = 1, samples = 1, predictor = 1;
			long[] offsets = null, counts = null;
			for (int i = 0; i < n; i++) {
				int e = (int) ifd + 2 + 12 * i;
				int tag = b.getShort(e) & 0xffff, type = b.getShort(e + 2) & 0xffff;
				long count = b.getInt(e + 4) & 0xffffffffL;
				switch (tag) {
					case 256:
						w = (int) value(b, e, type, count, 0);
						break;
					case 257:
						h = (int) value(b, e, type, count, 0);
						break;
					case 258:
						bits = (int) value(b, e, type, count, 0);
						break;
					case 259:
						compression = (int) value(b, e, type, count, 0);
						break;
					case 273:
						offsets = values(b, e, type, count);
						break;
					case 277:
						samples = (int) value(b, e, type, count, 0);
						break;
					case 279:
						counts = values(b, e, type, count);
						break;
					case 317:
						predictor = (int) value(b, e, type, count, 0);
						break;
					default:
						break;
				}
			}
			if (bits != 8 || samples != 1) throw new IOException(file + ": only 8-bit grey pages are read, not " +
				bits +
				"-bit with " + samples + " samples");
			if (offsets == null || counts == null) throw new IOException(file + ": a page without strips");
			if (width < 0) {
				width = w;
				height = h;
			}
			else if (w != width || h != height) throw new IOException(file + ": pages of different sizes");
			ByteArrayOutputStream out = new ByteArrayOutputStream(w * h);
			for (int s = 0; s < offsets.length; s++) {
				byte[] strip = new byte[(int) counts[s]];
				b.position((int) offsets[s]);
				b.get(strip);
				if (compression == 1) out.write(strip, 0, strip.length);
				else if (compression == 8 || compression == 32946) out.write(inflate(strip, file));
				else throw new IOException(file + ": compression " + compression +
					" is not read (none or deflate only)");
			}
			byte[] plane = out.toByteArray();
			if (plane.length < w * h) throw new IOException(file + ": a page holds " + plane.length + " bytes for " +
				w +
				"x" + h);
			if (predictor == 2) for (int y = 0; y < h; y++)
				for (int x = 1; x < w; x++)
					plane[y * w + x] += plane[y * w + x - 1];
			planes.add(plane.length == w * h ? plane : java.util.Arrays.copyOf(plane, w * h));
			ifd = b.getInt((int) ifd + 2 + 12 * n) & 0xffffffffL;
		}
		return new TiffStack(width, height, planes.toArray(new byte[0][]));
	}

	private static long value(ByteBuffer b, int entry, int type, long count, int index) {
		return values(b, entry, type, count)[index];
	}

	/** The values of a SHORT, LONG or BYTE entry, inline or at its offset. */
	private static long[] values(ByteBuffer b, int entry, int type, long count) {
		int size = type == 3 ? 2 : type == 4 ? 4 : 1;
		int at = count * size <= 4 ? entry + 8 : b.getInt(entry + 8);
		long[] v = new long[(int) count];
		for (int i = 0; i < count; i++)
			v[i] = size == 2 ? b.getShort(at + 2 * i) & 0xffff : size == 4 ? b.getInt(at + 4 * i) & 0xffffffffL : b.get(
				at +
					i) & 0xff;
		return v;
	}

	private static byte[] inflate(byte[] data, Path file) throws IOException {
		Inflater inf = new Inflater();
		inf.setInput(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
		byte[] buf = new byte[1 << 16];
		try {
			while (!inf.finished()) {
				int k = inf.inflate(buf);
				if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
				out.write(buf, 0, k);
			}
		}
		catch (DataFormatException e) {
			throw new IOException(file + ": damaged deflate data", e);
		}
		finally {
			inf.end();
		}
		return out.toByteArray();
	}

	/** Writes the planes as an uncompressed little-endian TIFF, one page per plane. */
	void write(Path file) throws IOException {
		write(file, false);
	}

	/** Writes the planes as a little-endian TIFF, one page per plane, uncompressed or deflated (one strip a page). */
	void write(Path file, boolean deflate) throws IOException {
		byte[][] data = new byte[planes.length][];
		for (int z = 0; z < planes.length; z++)
			data[z] = deflate ? deflate(planes[z]) : planes[z];
		// no ImageJ description: ImageJ would then take the planes as contiguous; it reads page by page without one
		int entries = 8;
		int ifdSize = 2 + 12 * entries + 4;
		int first = 8;
		int total = first;
		for (byte[] d : data)
			total += d.length + ifdSize;
		ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(first + data[0].length);
		int at = first;
		for (int z = 0; z < planes.length; z++) {
			int ifd = at + data[z].length;
			b.position(at);
			b.put(data[z]);
			b.putShort((short) entries);
			entry(b, 256, 4, 1, width);
			entry(b, 257, 4, 1, height);
			entry(b, 258, 3, 1, 8);
			entry(b, 259, 3, 1, deflate ? 8 : 1);
			entry(b, 262, 3, 1, 1);
			entry(b, 273, 4, 1, at);
			entry(b, 277, 3, 1, 1);
			entry(b, 279, 4, 1, data[z].length);
			at = ifd + ifdSize;
			b.putInt(z + 1 < planes.length ? at + data[z + 1].length : 0);
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.write(file, b.array());
	}

	private static byte[] deflate(byte[] plane) {
		java.util.zip.Deflater d = new java.util.zip.Deflater();
		d.setInput(plane);
		d.finish();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buf = new byte[1 << 16];
		while (!d.finished())
			out.write(buf, 0, d.deflate(buf));
		d.end();
		return out.toByteArray();
	}

	private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
		b.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt(value);
	}
}

package sc.fiji.slicegan.ij;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ij.io.FileInfo;
import ij.io.TiffDecoder;
import sc.fiji.slicegan.BadInputException;

/**
 * What ImageJ's readers let pass: a TIFF whose pixel data is cut short (ImageJ fills the rest with zeros), TIFF
 * layouts it cannot read (e.g. two samples per pixel), and lossy JPEG files, recognised by their first bytes
 * whatever their name.
 */
final class ImageFileChecks {

	private ImageFileChecks() {}

	/** Whether the file is a JPEG (which blurs segmented phases). */
	static boolean isJpeg(Path file) {
		byte[] head = head(file, 3);
		return head.length == 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff;
	}

	static boolean isTiff(Path file) {
		byte[] h = head(file, 4);
		return h.length == 4 && (h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0 || h[0] == 'M' && h[1] == 'M' &&
			h[2] == 0 && h[3] == 42);
	}

	/** Refuses a TIFF ImageJ would read wrongly: pixel data beyond the end of the file, or an unusual layout. */
	static void checkTiff(Path file) {
		int samples = samplesPerPixel(file);
		if (samples != 1 && samples != 3 && samples != 4) throw channels(file, samples);
		FileInfo[] infos;
		long length;
		try {
			Path abs = file.toAbsolutePath();
			infos = new TiffDecoder(abs.getParent().toString() + java.io.File.separator, abs.getFileName().toString())
				.getTiffInfo();
			length = Files.size(file);
		}
		catch (IOException | RuntimeException e) {
			throw new BadInputException(file + " is not a readable TIFF file (" + e.getMessage() + ").");
		}
		if (infos == null || infos.length == 0) throw new BadInputException(file + " is a TIFF file without images.");
		for (FileInfo fi : infos) {
			if (fi.samplesPerPixel != 1 && fi.samplesPerPixel != 3 && fi.samplesPerPixel != 4) throw channels(file,
				fi.samplesPerPixel);
			long end = end(fi);
			if (end > length) throw new BadInputException(String.format(Locale.ROOT,
				"%s is truncated: its pixel data " +
					"should reach byte %d, but the file has %d bytes. Copy or save it again.", file, end, length));
		}
	}

	private static BadInputException channels(Path file, int samples) {
		return new BadInputException(file + " stores " + samples +
			" values (channels) per pixel; SliceGAN reads grey " +
			"(1) or RGB (3) images. Split the channels in Fiji (Image > Color > Split Channels) and save the one to " +
			"train on.");
	}

	/**
	 * The SamplesPerPixel tag of a TIFF's first image (1 when absent), read directly: ImageJ's decoder fails on
	 * layouts it cannot read before it says which.
	 */
	static int samplesPerPixel(Path file) {
		try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
			java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 16));
			ch.read(b, 0);
			b.flip();
			b.order(b.get(0) == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
			int ifd = b.getInt(4);
			if (ifd < 8 || ifd + 2 > b.limit()) return 1;
			int entries = b.getShort(ifd) & 0xffff;
			for (int i = 0; i < entries && ifd + 2 + 12 * (i + 1) <= b.limit(); i++) {
				int at = ifd + 2 + 12 * i;
				if ((b.getShort(at) & 0xffff) == 277) return b.getShort(at + 8) & 0xffff;
			}
			return 1;
		}
		catch (IOException | RuntimeException e) {
			return 1;
		}
	}

	/** Where a TIFF image's pixel data ends: its last strip, or (uncompressed) its last plane. */
	private static long end(FileInfo fi) {
		long end = 0;
		if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length > 0 && fi.nImages <= 1) {
			for (int i = 0; i < fi.stripOffsets.length && i < fi.stripLengths.length; i++)
				end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
			return end;
		}
		if (fi.compression > FileInfo.COMPRESSION_NONE) return 0;
		long plane = (long) fi.width * fi.height * fi.getBytesPerPixel();
		int n = Math.max(1, fi.nImages);
		return fi.getOffset() + n * plane + (n - 1) * fi.getGap();
	}

	private static byte[] head(Path file, int n) {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] b = new byte[n];
			int read = in.readNBytes(b, 0, n);
			return read == n ? b : new byte[0];
		}
		catch (IOException e) {
			return new byte[0];
		}
	}
}

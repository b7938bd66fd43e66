package sc.fiji.slicegan.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every file this program writes is written to a temporary file in the target's folder and then renamed over the
 * target, so that a killed or failed write leaves the old file (or none), never half of a new one.
 */
public final class AtomicFiles {

	/** Writes the content of a file to a stream. */
	public interface Content {
		void writeTo(OutputStream out) throws IOException;
	}

	/** Writes the text of a file (UTF-8). */
	public interface TextContent {
		void writeTo(Writer out) throws IOException;
	}

	/** Writes a file given its path (for writers that only take a path, such as ImageJ's TIFF writer). */
	public interface PathContent {
		void writeTo(Path file) throws IOException;
	}

	/** Temporary files start with this, so that a later run can recognise (and remove) those of a killed one. */
	public static final String TEMP_PREFIX = ".slicegan-";
	public static final String TEMP_SUFFIX = ".tmp";

	private AtomicFiles() {}

	public static void write(Path target, Content content) throws IOException {
		writePath(target, tmp -> {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				content.writeTo(out);
			}
		});
	}

	public static void writeText(Path target, TextContent content) throws IOException {
		write(target, os -> {
			Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
			content.writeTo(w);
			w.flush();
		});
	}

	public static void writePath(Path target, PathContent content) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		if (dir != null) Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, TEMP_PREFIX + target.getFileName() + "-", TEMP_SUFFIX);
		try {
			content.writeTo(tmp);
			try {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}

package sc.fiji.slicegan.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every file this program writes is written to a temporary file in the target's folder and then renamed over the
 * target, so that a killed or failed write leaves the old file (or none), never half of a new one. Temporary files
 * are created with the permissions of any new file (the user's umask), so the renamed file is as readable as a
 * file saved by any other program; those a killed run left behind are recognised by their names and removed.
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

	/** Temporary files are named {@code .slicegan-TARGET-RANDOM.tmp}. */
	static final String TEMP_PREFIX = ".slicegan-", TEMP_SUFFIX = ".tmp";

	private AtomicFiles() {}

	public static void write(Path target, Content content) throws IOException {
		writePath(target, tmp -> {
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 <<
				16))
			{
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
		Path tmp = temporary(target.toAbsolutePath());
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

	/** A new empty file beside the target, with the permissions any new file gets. */
	private static Path temporary(Path target) throws IOException {
		for (int attempt = 0;; attempt++) {
			Path tmp = target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + Long.toHexString(
				ThreadLocalRandom
					.current().nextLong() & Long.MAX_VALUE) + TEMP_SUFFIX);
			try {
				return Files.createFile(tmp);
			}
			catch (java.nio.file.FileAlreadyExistsException e) {
				if (attempt > 100) throw e;
			}
		}
	}

	/**
	 * Removes the temporary files that writes of {@code target} by killed runs left beside it (also those of
	 * earlier versions, named {@code .TARGETdigits.tmp}); returns them. Call it only where no other run writes the
	 * same target at the same time.
	 */
	public static List<Path> removeStale(Path target) throws IOException {
		Path t = target.toAbsolutePath();
		Path dir = t.getParent();
		List<Path> removed = new ArrayList<>();
		if (dir == null || !Files.isDirectory(dir)) return removed;
		String name = t.getFileName().toString();
		Pattern ours = Pattern.compile(Pattern.quote(TEMP_PREFIX + name + "-") + "[0-9a-f]+" + Pattern.quote(
			TEMP_SUFFIX)), older = Pattern.compile(Pattern.quote("." + name) + "\\d+" + Pattern.quote(TEMP_SUFFIX));
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
			for (Path f : files) {
				String n = f.getFileName().toString();
				if ((ours.matcher(n).matches() || older.matcher(n).matches()) && Files.isRegularFile(f) && Files
					.deleteIfExists(f)) removed.add(f);
			}
		}
		return removed;
	}
}

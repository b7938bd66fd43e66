package sc.fiji.slicegan.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import sc.fiji.slicegan.BadInputException;

/**
 * One training run per model file at a time: a lock on the hidden file {@code .MODEL.lock} beside the model, held
 * while the run writes the model, naming the run that holds it. The operating system releases the lock when a
 * process ends, however it ends. The file stays (deleting it would let two runs lock two different files).
 */
public final class ModelLock implements AutoCloseable {

	private final FileChannel channel;
	private final FileLock lock;

	private ModelLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** The lock file of a model. */
	public static Path lockFile(Path model) {
		return model.toAbsolutePath().resolveSibling("." + model.getFileName() + ".lock");
	}

	/** Takes the model's lock, or refuses with a message that names the run holding it. */
	public static ModelLock acquire(Path model, String what) {
		Path file = lockFile(model);
		FileChannel channel = null;
		try {
			Files.createDirectories(file.getParent());
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException inThisProcess) {
				lock = null;
			}
			if (lock == null) {
				String holder = holder(file);
				channel.close();
				throw new BadInputException("Another SliceGAN run is writing " + model + (holder.isEmpty() ? "" : " (" +
					holder + ")") + ". Wait until it has finished, or choose another model file.");
			}
			String holder = what + ", process " + ManagementFactory.getRuntimeMXBean().getName() + ", since " +
				LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
			channel.truncate(0);
			channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
			channel.force(false);
			return new ModelLock(channel, lock);
		}
		catch (IOException e) {
			try {
				if (channel != null) channel.close();
			}
			catch (IOException ignored) {
				// the first failure is the one to report
			}
			throw new BadInputException("Cannot lock " + file + " for writing the model: " + e.getMessage() +
				". Is the " +
				"folder writable?");
		}
	}

	/** What the run holding the lock wrote into it ("" where the system does not let others read a locked file). */
	private static String holder(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
		}
		catch (IOException e) {
			return "";
		}
	}

	@Override
	public void close() {
		try {
			channel.truncate(0);
			lock.release();
			channel.close();
		}
		catch (IOException e) {
			// an unreleased lock ends with the process
		}
	}
}

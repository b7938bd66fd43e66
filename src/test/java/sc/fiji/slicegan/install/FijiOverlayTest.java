package sc.fiji.slicegan.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's overlay folder is made from nothing each time, and a folder that is not one is never emptied. */
class FijiOverlayTest {

	@Test
	void anEarlierOverlayIsRemovedFirst(@TempDir Path dir) throws Exception {
		Path overlay = dir.resolve("fiji-overlay");
		Files.createDirectories(overlay.resolve("jars/linux64"));
		Files.createDirectories(overlay.resolve("plugins"));
		Files.createDirectories(overlay.resolve(FijiInstaller.STATE).resolve("replaced/jars"));
		Files.write(overlay.resolve("jars/linux64/a.jar"), new byte[] { 1 });
		Files.write(overlay.resolve("plugins/SliceGAN_-1.jar"), new byte[] { 2 });
		Files.write(overlay.resolve(FijiInstaller.STATE).resolve("replaced/jars/b.jar"), new byte[] { 3 });
		FijiInstaller.emptyOverlay(overlay);
		try (Stream<Path> left = Files.list(overlay)) {
			assertEquals(0, left.count(), "the earlier overlay, moved-aside jars included, is gone");
		}
		FijiInstaller.emptyOverlay(dir.resolve("not there yet"));
	}

	@Test
	void anyOtherFolderIsRefusedUntouched(@TempDir Path dir) throws Exception {
		Files.createDirectories(dir.resolve("jars"));
		Files.write(dir.resolve("jars/x.jar"), new byte[] { 1 });
		Files.write(dir.resolve("notes.txt"), new byte[] { 2 });
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FijiInstaller.emptyOverlay(
			dir));
		assertTrue(e.getMessage().contains("notes.txt"), e.getMessage());
		assertTrue(Files.exists(dir.resolve("jars/x.jar")) && Files.exists(dir.resolve("notes.txt")));
		assertFalse(Files.exists(dir.resolve(FijiInstaller.STATE)));
	}
}

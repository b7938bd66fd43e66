package sc.fiji.slicegan.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.progress.Progress;

/**
 * The checks every output passes before any work starts: it is not one of the inputs, an existing file is
 * replaced only when the user said so (the overwrite option, or yes to Fiji's question), and its folder is
 * writable (a file is created there and removed). So a run never destroys its inputs, and never works for hours to
 * fail at its first save.
 */
final class Outputs {

	private final OptionValues v;
	private final Progress ui;
	private final List<Path> inputs = new ArrayList<>();
	private final List<String> inputNames = new ArrayList<>();

	Outputs(OptionValues v, Progress ui) {
		this.v = v;
		this.ui = ui;
	}

	/** A file the run reads, which no output may be. */
	Outputs input(Path file, String what) {
		if (file != null) {
			inputs.add(file);
			inputNames.add(what);
		}
		return this;
	}

	/** Checks a file the run will write for the given option. */
	void file(Path file, Option option) {
		if (Files.isDirectory(file)) throw new BadInputException(file + " is a folder: give " + v.name(option) +
			" a file name.");
		for (int i = 0; i < inputs.size(); i++)
			if (same(file, inputs.get(i))) throw new BadInputException(v.name(option) + " " + file + " is also the " +
				inputNames.get(i) + ": outputs never replace inputs. Choose another file.");
		if (Files.exists(file)) replace(file);
		writable(file.toAbsolutePath().getParent());
	}

	/** Checks a folder the run will write {@code names} into. */
	void folder(Path folder, Option option, List<String> names) {
		if (Files.exists(folder) && !Files.isDirectory(folder)) throw new BadInputException(v.name(option) + " " +
			folder + " is a file, not a folder.");
		for (String name : names)
			if (Files.exists(folder.resolve(name))) {
				replace(folder.resolve(name));
				break;
			}
		writable(folder.toAbsolutePath());
	}

	/** An existing output: replaced only when the user says so. */
	private void replace(Path file) {
		if (v.flag(CommonOptions.OVERWRITE)) return;
		if (ui.confirm(file + " exists. Replace it?")) return;
		throw new BadInputException(file + " exists. Give " + v.name(CommonOptions.OVERWRITE) + " to replace it, or " +
			"choose another name.");
	}

	/** Creates (if needed) the folder and a file in it, and removes the file again. */
	static void writable(Path folder) {
		try {
			Files.createDirectories(folder);
			Path probe = Files.createTempFile(folder, ".slicegan-write-check-", ".tmp");
			Files.delete(probe);
		}
		catch (IOException | SecurityException e) {
			throw new BadInputException("Cannot write into " + folder + " (" + reason(e) + "). Choose a folder you " +
				"can write to.");
		}
	}

	private static String reason(Exception e) {
		String m = e.getMessage();
		if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
		if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e)
			.getReason() != null) return ((java.nio.file.FileSystemException) e).getReason();
		return m == null ? e.getClass().getSimpleName() : m;
	}

	static boolean same(Path a, Path b) {
		try {
			if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
		}
		catch (IOException e) {
			// fall back to comparing the names
		}
		return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
	}
}

package sc.fiji.slicegan.fiji;

import java.io.File;
import java.util.Arrays;

import ij.ImagePlus;
import ij.WindowManager;
import ij.io.FileInfo;
import sc.fiji.slicegan.BadInputException;

/** Choosing among the open images in an IJ1 dialog. */
final class OpenImages {

	static final String NONE = "*None*";

	private OpenImages() {}

	static String[] titles(String purpose) {
		String[] titles = WindowManager.getImageTitles();
		if (titles.length == 0) throw new BadInputException("No image is open: open " + purpose + " first.");
		return titles;
	}

	static String[] withNone(String[] titles) {
		String[] t = Arrays.copyOf(new String[] { NONE }, titles.length + 1);
		System.arraycopy(titles, 0, t, 1, titles.length);
		return t;
	}

	static String currentTitle(String[] titles) {
		ImagePlus imp = WindowManager.getCurrentImage();
		return imp != null ? imp.getTitle() : titles[0];
	}

	/** The image of a title (null for {@link #NONE}). */
	static ImagePlus byTitle(String title) {
		if (NONE.equals(title)) return null;
		ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new BadInputException("There is no open image called '" + title + "'.");
		return imp;
	}

	/** Null for an optional image left empty (SciJava may hand an empty ImagePlus for one). */
	static ImagePlus given(ImagePlus imp) {
		return imp == null || imp.getWidth() == 0 || imp.getProcessor() == null ? null : imp;
	}

	/** Beside the image's file when it has one, else in the home folder. */
	static String besideImage(ImagePlus imp, String suffix) {
		FileInfo fi = imp == null ? null : imp.getOriginalFileInfo();
		String dir = fi != null && fi.directory != null && !fi.directory.isEmpty() ? fi.directory : System
			.getProperty("user.home");
		String stem = imp == null ? "slicegan" : FijiRuns.stem(imp.getTitle());
		return new File(dir, stem + suffix).getPath();
	}
}

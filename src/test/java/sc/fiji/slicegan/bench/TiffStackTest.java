package sc.fiji.slicegan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

class TiffStackTest {

	static TiffStack stack() {
		int w = 7, h = 5, d = 3;
		byte[][] planes = new byte[d][w * h];
		for (int z = 0; z < d; z++)
			for (int i = 0; i < w * h; i++)
				planes[z][i] = (byte) ((i * 37 + z * 101) % 256);
		return new TiffStack(w, h, planes);
	}

	@Test
	void uncompressedAndDeflatedStacksReadBackAsWrittenInThisReaderAndInImageJ(@TempDir Path dir) throws Exception {
		TiffStack s = stack();
		for (boolean deflate : new boolean[] { false, true }) {
			Path f = dir.resolve(deflate ? "deflate.tif" : "plain.tif");
			s.write(f, deflate);
			TiffStack r = TiffStack.read(f);
			assertEquals(s.width, r.width);
			assertEquals(s.height, r.height);
			assertEquals(s.planes.length, r.planes.length);
			for (int z = 0; z < s.planes.length; z++)
				assertArrayEquals(s.planes[z], r.planes[z]);
			ImagePlus imp = IJ.openImage(f.toString());
			assertEquals(s.planes.length, imp.getStackSize());
			assertEquals(8, imp.getBitDepth());
			for (int z = 0; z < s.planes.length; z++)
				assertArrayEquals(s.planes[z], (byte[]) imp.getStack().getPixels(z + 1));
		}
	}

	@Test
	void imageJsStacksReadAsImageJWroteThem(@TempDir Path dir) throws Exception {
		TiffStack s = stack();
		ij.ImageStack st = new ij.ImageStack(s.width, s.height);
		for (byte[] p : s.planes)
			st.addSlice(null, p.clone());
		Path f = dir.resolve("ij.tif");
		new ij.io.FileSaver(new ImagePlus("ij", st)).saveAsTiffStack(f.toString());
		TiffStack r = TiffStack.read(f);
		for (int z = 0; z < s.planes.length; z++)
			assertArrayEquals(s.planes[z], r.planes[z]);
	}
}

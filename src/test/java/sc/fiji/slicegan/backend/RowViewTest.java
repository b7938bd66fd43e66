package sc.fiji.slicegan.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import sc.fiji.slicegan.backend.nd4j.Nd4jBackend;

/** Copies to and from a view of some rows reach those rows of the parent, in both precisions. */
class RowViewTest {

	@Test
	void uploadAndDownloadThroughARowView() {
		for (Precision p : Precision.values())
			try (Backend be = new Nd4jBackend(p); Tensor t = be.allocate(4, 3); Tensor rows = be.rows(t, 1, 2)) {
				be.upload(new float[] { 1, 2, 3, 4, 5, 6 }, rows);
				float[] all = new float[12];
				be.download(t, all);
				assertArrayEquals(new float[] { 0, 0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0 }, all, p.name());
				double[] back = new double[6];
				be.download(rows, back);
				assertArrayEquals(new double[] { 1, 2, 3, 4, 5, 6 }, back, p.name());
				be.upload(new double[] { 7, 8, 9, 10, 11, 12 }, rows);
				float[] again = new float[6];
				be.download(rows, again);
				assertArrayEquals(new float[] { 7, 8, 9, 10, 11, 12 }, again, p.name());
			}
	}
}

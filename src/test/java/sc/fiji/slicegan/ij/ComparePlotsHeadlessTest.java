package sc.fiji.slicegan.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sc.fiji.slicegan.compare.CompareReport;
import sc.fiji.slicegan.compare.CompareReportTest;
import sc.fiji.slicegan.compare.CsvWriter;

/** The headless/CLI path: CSV and PNG files from a report, with no display. */
class ComparePlotsHeadlessTest {
	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	@Test
	void writesCsvAndPngWithoutADisplay(@TempDir Path dir) throws Exception {
		assertTrue(GraphicsEnvironment.isHeadless());
		CompareReport r = CompareReportTest.sameLawReportForOtherTests();
		CsvWriter.write(r, dir);
		List<Path> pngs = ComparePlots.savePng(r, dir);
		// S₂ for 3 phases, phase fractions, diffusivity
		assertEquals(5, pngs.size());
		for (Path p : pngs) {
			assertTrue(Files.size(p) > 1000, p + " is too small");
			BufferedImage img = ImageIO.read(p.toFile());
			assertNotNull(img, p + " is not a PNG");
			assertTrue(img.getWidth() >= 400 && img.getHeight() >= 200, p.toString());
		}
		for (String csv : new String[] { CsvWriter.METRICS, CsvWriter.S2, CsvWriter.PER_VOLUME }) {
			assertTrue(Files.size(dir.resolve(csv)) > 100, csv);
		}
		assertEquals(r.rows.size(), ComparePlots.resultsTable(r).size());
	}
}

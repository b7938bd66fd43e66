package sc.fiji.slicegan.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.razorvine.pickle.Pickler;
import sc.fiji.slicegan.BadInputException;
import sc.fiji.slicegan.nn.LayerSpec;

/**
 * The published SliceGAN's {@code NAME_params.data}: a pickled list {@code [dk, ds, df, dp, gk, gs, gf, gp]} of lists
 * of integers, the kernel sizes, strides, channels and paddings of the critic (d) and the generator (g). A network has
 * as many layers as the shortest of its k, s and p lists (Python's zip), and one more channel count than layers.
 */
public final class SliceGanParams {

	static final String[] NAMES = { "dk", "ds", "df", "dp", "gk", "gs", "gf", "gp" };

	public final int[] dk, ds, df, dp, gk, gs, gf, gp;

	public SliceGanParams(int[] dk, int[] ds, int[] df, int[] dp, int[] gk, int[] gs, int[] gf, int[] gp) {
		this.dk = dk;
		this.ds = ds;
		this.df = df;
		this.dp = dp;
		this.gk = gk;
		this.gs = gs;
		this.gf = gf;
		this.gp = gp;
	}

	public int generatorLayers() {
		return Math.min(gk.length, Math.min(gs.length, gp.length));
	}

	public int criticLayers() {
		return Math.min(dk.length, Math.min(ds.length, dp.length));
	}

	/** The critic's layers (output channels, k, s, p) as the published code builds them. */
	public List<LayerSpec> critic() {
		List<LayerSpec> l = new ArrayList<>();
		for (int i = 0; i < criticLayers() && i + 1 < df.length; i++)
			l.add(new LayerSpec(df[i + 1], dk[i], ds[i], dp[i]));
		return l;
	}

	int[][] lists() {
		return new int[][] { dk, ds, df, dp, gk, gs, gf, gp };
	}

	public static SliceGanParams read(Path file) {
		Object top;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] b = in.readAllBytes();
			if (b.length >= 2 && b[0] == 'P' && b[1] == 'K') throw new BadInputException("'" + file +
				"' is a zip file " +
				"(a PyTorch .pt file?), not a SliceGAN params file: choose NAME_params.data.");
			if (b.length == 0 || (b[0] & 0xff) != 0x80) throw notParams(file, "it is not a Python pickle");
			top = new TorchUnpickler(false).loads(b);
		}
		catch (NoSuchFileException e) {
			throw new BadInputException("The params file " + file + " does not exist.");
		}
		catch (BadInputException e) {
			throw e;
		}
		catch (TorchUnpickler.ForeignClass e) {
			throw notParams(file, "it " + e.getMessage());
		}
		catch (IOException | RuntimeException e) {
			// Pyrolite's PickleException, and what a damaged pickle leaves on its stack (a class cast, an empty stack)
			throw notParams(file, "it is damaged or truncated: " + e.getMessage());
		}
		if (!(top instanceof List) || ((List<?>) top).size() != 8) throw notParams(file, "it holds " +
			(top instanceof List ? "a list of " + ((List<?>) top).size() + " items" : "no list"));
		int[][] lists = new int[8][];
		for (int i = 0; i < 8; i++) {
			Object item = ((List<?>) top).get(i);
			if (!(item instanceof List)) throw notParams(file, NAMES[i] + " is not a list");
			List<?> l = (List<?>) item;
			lists[i] = new int[l.size()];
			for (int j = 0; j < l.size(); j++) {
				Object v = l.get(j);
				if (!(v instanceof Integer)) throw notParams(file, NAMES[i] + "[" + j + "] is " + v + ", not a whole " +
					"number");
				lists[i][j] = (Integer) v;
			}
		}
		return new SliceGanParams(lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7]);
	}

	private static BadInputException notParams(Path file, String why) {
		return new BadInputException("'" + file + "' is not a SliceGAN params file (" + why + "); the published code " +
			"writes NAME_params.data as a pickled list [dk, ds, df, dp, gk, gs, gf, gp] of lists of whole numbers.");
	}

	/** The pickle, as the published code's pickle.dump writes the list (protocol 2 here; Python reads any). */
	public void write(OutputStream out) throws IOException {
		List<List<Integer>> all = new ArrayList<>();
		for (int[] l : lists()) {
			List<Integer> items = new ArrayList<>();
			for (int v : l)
				items.add(v);
			all.add(items);
		}
		new Pickler(false).dump(all, out);
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("[");
		int[][] l = lists();
		for (int i = 0; i < 8; i++)
			sb.append(i > 0 ? ", " : "").append(NAMES[i]).append('=').append(Arrays.toString(l[i]));
		return sb.append(']').toString();
	}
}

package sc.fiji.slicegan.fiji;

import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Frame;
import java.awt.Label;
import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.FileOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.Menus;

/**
 * Runs in a JVM of its own on a (virtual) display, with our jar in ImageJ's plugins folder only: starts ImageJ,
 * reads its Plugins &gt; SliceGAN menu, provokes an error dialog, runs a training macro, screenshots the progress
 * window, presses Stop, and writes what it saw to report.properties. Uses only ImageJ and AWT, so that our
 * classes come from the plugin jar as they would in ImageJ.
 */
public final class GuiDriver {

	private static final Properties report = new Properties();

	public static void main(String[] args) throws Exception {
		File out = new File(args[0]);
		String image = args[1], model = args[2];
		try {
			run(out, image, model);
		}
		catch (Throwable t) {
			report.setProperty("failure", t.toString());
			t.printStackTrace();
		}
		try (FileOutputStream f = new FileOutputStream(new File(out, "report.properties"))) {
			report.store(f, "GuiDriver");
		}
		System.exit(0);
	}

	private static void run(File out, String image, String model) throws Exception {
		new ImageJ();
		report.setProperty("train.class", String.valueOf(Menus.getCommands().get("Train SliceGAN...")));
		MenuBar bar = Menus.getMenuBar();
		List<String> items = new ArrayList<>();
		for (int m = 0; m < bar.getMenuCount(); m++)
			if (bar.getMenu(m).getLabel().equals("Plugins")) {
				Menu plugins = bar.getMenu(m);
				for (int i = 0; i < plugins.getItemCount(); i++)
					if (plugins.getItem(i) instanceof Menu && plugins.getItem(i).getLabel().equals("SliceGAN")) {
						Menu s = (Menu) plugins.getItem(i);
						for (int k = 0; k < s.getItemCount(); k++)
							items.add(s.getItem(k).getLabel());
					}
			}
		report.setProperty("menu.SliceGAN", String.join("|", items));

		// bad input through the menu command: a message dialog (in a macro, ImageJ's macro error dialog, which
		// also ends the macro), closed by a user (here, this thread)
		Thread closer = watch(w -> w instanceof Dialog && (((Dialog) w).getTitle().equals("SliceGAN") || ((Dialog) w)
			.getTitle().equals("Macro Error")), w -> {
				sleep(500);
				report.setProperty("error.dialog", ((Dialog) w).getTitle() + ": " + texts(w));
				shoot(w, new File(out, "error-dialog.png"));
				w.dispose();
			});
		IJ.runMacro("run('Train SliceGAN...', 'iterations=1');");
		closer.join(30000);

		// training from a macro; the window is photographed after a few iterations, then stopped
		Thread stopper = watch(w -> w instanceof Frame && ((Frame) w).getTitle().startsWith("SliceGAN training"), w -> {
			// the status line may skip an iteration between two looks: wait for any iteration from 6 on
			waitFor(() -> iterationShown(texts(w)) >= 6 && texts(w).contains("xy (z mid), iteration"), 120000);
			sleep(1500); // let the last plot reach the screen
			shoot(w, new File(out, "progress-window.png"));
			for (Component c : all((Container) w))
				if (c instanceof Button && ((Button) c).getLabel().equals("Stop")) c.dispatchEvent(new ActionEvent(c,
					ActionEvent.ACTION_PERFORMED, "Stop"));
			report.setProperty("stop.pressed", "true");
		});
		File result = new File(out, "macro-result.txt");
		IJ.runMacro("open('" + image + "');\n" +
			"run('Train SliceGAN...', 'image=" + new File(image).getName() + " data_type=auto network=small " +
			"iterations=300 critic_batch=1 generator_batch=1 critic_steps=1 real_crops=8 learning_rate=0.0001 " +
			"backend=auto seed=42 model_file=[" + model + "] volume_edge=32');\n" +
			"File.saveString(getTitle() + '|' + nSlices + '|' + bitDepth() + '|' + Property.get('SliceGAN.iteration'), " +
			"'" + result + "');");
		stopper.join(30000);
		for (Window w : Window.getWindows())
			if (w instanceof Frame && ((Frame) w).getTitle().startsWith("SliceGAN training") && w.isVisible()) {
				sleep(1000);
				report.setProperty("window.after", texts(w));
				shoot(w, new File(out, "progress-window-done.png"));
			}
		report.setProperty("macro.result", new String(java.nio.file.Files.readAllBytes(result.toPath()), "UTF-8"));

		// the Train dialog as a user opens it from the menu (no macro): on a machine without a usable GPU it proposes
		// the small network and the quick settings
		Thread dialog = watch(w -> w instanceof Dialog && ((Dialog) w).getTitle().equals("Train SliceGAN"), w -> {
			sleep(1000);
			report.setProperty("train.dialog", texts(w));
			shoot(w, new File(out, "train-dialog.png"));
			for (Component c : all((Container) w))
				if (c instanceof Button && ((Button) c).getLabel().equals("Cancel")) c.dispatchEvent(new ActionEvent(c,
					ActionEvent.ACTION_PERFORMED, "Cancel"));
		});
		IJ.doCommand("Train SliceGAN...");
		dialog.join(60000);
	}

	/** A thread that waits (up to 2 minutes) for a visible window that matches, then acts on it. */
	private static Thread watch(Predicate<Window> which, java.util.function.Consumer<Window> action) {
		Thread t = new Thread(() -> {
			long end = System.currentTimeMillis() + 120000;
			while (System.currentTimeMillis() < end) {
				for (Window w : Window.getWindows())
					if (w.isShowing() && which.test(w)) {
						action.accept(w);
						return;
					}
				sleep(200);
			}
		});
		t.start();
		return t;
	}

	/** The largest "iteration N/" in a window's text, or -1. */
	private static int iterationShown(String text) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("iteration (\\d+)/").matcher(text);
		int max = -1;
		while (m.find())
			max = Math.max(max, Integer.parseInt(m.group(1)));
		return max;
	}

	private static void waitFor(java.util.function.BooleanSupplier ok, long ms) {
		long end = System.currentTimeMillis() + ms;
		while (!ok.getAsBoolean() && System.currentTimeMillis() < end)
			sleep(200);
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void shoot(Window w, File file) {
		try {
			// no window manager on Xvfb: bring the window onto the screen (a dialog centred on a window that is not
			// placed yet may land outside it) and raise it over the Log window that may cover it
			java.awt.EventQueue.invokeAndWait(() -> {
				java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
				java.awt.Rectangle b = w.getBounds();
				int x = Math.max(0, Math.min(b.x, screen.width - b.width));
				int y = Math.max(0, Math.min(b.y, screen.height - b.height));
				if (x != b.x || y != b.y) w.setLocation(x, y);
				w.toFront();
			});
			sleep(500);
			// a busy machine may not have painted the window yet: look again until it shows more than its background
			Robot robot = new Robot();
			BufferedImage img = robot.createScreenCapture(w.getBounds());
			for (int i = 0; i < 40 && distinctColours(img) <= 2; i++) {
				sleep(250);
				java.awt.EventQueue.invokeAndWait(w::toFront);
				img = robot.createScreenCapture(w.getBounds());
			}
			if (distinctColours(img) <= 2) {
				// still not on the screen: the window's own drawing of itself
				report.setProperty("screenshot.painted", file.getName() + " at " + w.getBounds());
				BufferedImage painted = new BufferedImage(w.getWidth(), w.getHeight(), BufferedImage.TYPE_INT_RGB);
				java.awt.EventQueue.invokeAndWait(() -> {
					java.awt.Graphics2D g = painted.createGraphics();
					g.setColor(w.getBackground() != null ? w.getBackground() : java.awt.Color.LIGHT_GRAY);
					g.fillRect(0, 0, w.getWidth(), w.getHeight());
					w.printAll(g);
					g.dispose();
				});
				img = painted;
			}
			ImageIO.write(img, "png", file);
		}
		catch (Exception e) {
			report.setProperty("screenshot.failure", e.toString());
		}
	}

	/** How many colours an image shows (every other pixel): 1 or 2 for a blank window. */
	static int distinctColours(BufferedImage img) {
		java.util.Set<Integer> seen = new java.util.HashSet<>();
		for (int y = 0; y < img.getHeight(); y += 2)
			for (int x = 0; x < img.getWidth(); x += 2)
				seen.add(img.getRGB(x, y));
		return seen.size();
	}

	private static List<Component> all(Container c) {
		List<Component> list = new ArrayList<>();
		for (Component k : c.getComponents()) {
			list.add(k);
			if (k instanceof Container) list.addAll(all((Container) k));
		}
		return list;
	}

	/** The text of a window's labels, including ImageJ's MultiLineLabel (whose lines are a private field). */
	private static String texts(Window w) {
		StringBuilder sb = new StringBuilder();
		for (Component c : all(w)) {
			if (c instanceof Label) sb.append(((Label) c).getText()).append('\n');
			else if (c instanceof java.awt.Choice) sb.append(((java.awt.Choice) c).getSelectedItem()).append('\n');
			else if (c instanceof java.awt.Checkbox) sb.append(((java.awt.Checkbox) c).getLabel()).append('\n');
			else if (c instanceof java.awt.TextComponent) sb.append(((java.awt.TextComponent) c).getText()).append(
				'\n');
			else if (c.getClass().getSimpleName().equals("MultiLineLabel")) for (Field f : c.getClass()
				.getDeclaredFields())
				if (f.getType() == String[].class) try {
					f.setAccessible(true);
					for (String s : (String[]) f.get(c))
						if (s != null) sb.append(s).append('\n');
				}
				catch (ReflectiveOperationException | RuntimeException e) {
					sb.append("?");
				}
		}
		return sb.toString();
	}
}

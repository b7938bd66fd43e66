package sc.fiji.slicegan.fiji;

import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.Canvas;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.Graphics;
import java.awt.GridLayout;
import java.awt.Image;
import java.awt.Label;
import java.awt.Panel;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.Arrays;

import ij.WindowManager;
import ij.gui.Plot;
import ij.process.ImageProcessor;
import sc.fiji.slicegan.generate.GeneratedVolume;
import sc.fiji.slicegan.model.FidelityPoint;
import sc.fiji.slicegan.model.ModelState;
import sc.fiji.slicegan.progress.CancelRequest;
import sc.fiji.slicegan.train.TrainingProgress;

/**
 * The training window: loss curves, the current generator's mid-plane slices (normal to z, y and x), the status
 * line and a Stop button that ends training cleanly. Updated from the training thread through the event queue; a
 * {@link FijiProgress} tells it what happens.
 */
final class ProgressWindow extends Frame {

	private static final long serialVersionUID = 1L;
	private static final int PLOT_W = 480, PLOT_H = 260, SLICE = 160;
	private static final long REDRAW_MS = 500;

	private final ImageCanvas plot = new ImageCanvas(PLOT_W, PLOT_H), structure = new ImageCanvas(PLOT_W, PLOT_H);
	private final ImageCanvas[] slices = { new ImageCanvas(SLICE, SLICE), new ImageCanvas(SLICE, SLICE),
		new ImageCanvas(SLICE, SLICE) };
	private final Label[] sliceLabels = { new Label("xy (z mid)"), new Label("xz (y mid)"), new Label(
		"yz (x mid)") };
	private final Label status = new Label("Starting…");
	private final Button stop = new Button("Stop");
	private final CancelRequest cancel;
	private volatile boolean done;

	// loss history, written and read on the training thread
	private double[] it = new double[64], w = new double[64], gp = new double[64], g = new double[64];
	// the structure's statistics, also on the training thread
	private final java.util.List<FidelityPoint> fidelity = new java.util.ArrayList<>();
	private long total = 1;
	private int n;
	private long lastRedraw;

	ProgressWindow(CancelRequest cancel) {
		super("SliceGAN training");
		this.cancel = cancel;
		setBackground(Color.WHITE);
		setLayout(new BorderLayout(4, 4));
		Panel plots = new Panel(new GridLayout(1, 2, 6, 0));
		plots.add(plot);
		plots.add(structure);
		add(plots, BorderLayout.CENTER);
		Panel bottom = new Panel(new BorderLayout());
		Panel sliceRow = new Panel(new GridLayout(1, 3, 6, 0));
		for (int a = 0; a < 3; a++) {
			Panel p = new Panel(new BorderLayout());
			p.add(slices[a], BorderLayout.CENTER);
			sliceLabels[a].setAlignment(Label.CENTER);
			p.add(sliceLabels[a], BorderLayout.SOUTH);
			sliceRow.add(p);
		}
		bottom.add(sliceRow, BorderLayout.CENTER);
		Panel controls = new Panel(new FlowLayout(FlowLayout.LEFT));
		status.setPreferredSize(new Dimension(PLOT_W - 100, 20));
		controls.add(stop);
		controls.add(status);
		bottom.add(controls, BorderLayout.SOUTH);
		add(bottom, BorderLayout.SOUTH);
		stop.addActionListener(e -> pressStop());
		addWindowListener(new WindowAdapter() {

			@Override
			public void windowClosing(WindowEvent e) {
				// closing the window while training would lose the view, not the run: stop it cleanly
				if (!done) pressStop();
				dispose();
			}

			@Override
			public void windowClosed(WindowEvent e) {
				WindowManager.removeWindow(ProgressWindow.this);
			}
		});
		pack();
	}

	private void pressStop() {
		if (done) {
			dispose();
			return;
		}
		cancel.request();
		stop.setEnabled(false);
		stop.setLabel("Stopping…");
		status.setText("Stopping after the current step; the model will be saved…");
	}

	void started(String title) {
		EventQueue.invokeLater(() -> {
			setTitle(title);
			setLocation(60, 60);
			setVisible(true);
			WindowManager.addWindow(this);
		});
	}

	void iterationDone(TrainingProgress p) {
		total = p.totalIterations;
		if (n == it.length) {
			it = Arrays.copyOf(it, 2 * n);
			w = Arrays.copyOf(w, 2 * n);
			gp = Arrays.copyOf(gp, 2 * n);
			g = Arrays.copyOf(g, 2 * n);
		}
		it[n] = p.iteration;
		w[n] = p.wasserstein();
		gp[n] = p.penalty;
		g[n] = p.generatorLoss;
		n++;
		String text = FijiProgress.text(p).substring(FijiProgress.PREFIX.length());
		long now = System.currentTimeMillis();
		if (now - lastRedraw < REDRAW_MS && p.iteration < p.totalIterations) {
			EventQueue.invokeLater(() -> status.setText(text));
			return;
		}
		lastRedraw = now;
		Image img = lossPlot(p.totalIterations).getProcessor().createImage();
		EventQueue.invokeLater(() -> {
			status.setText(text);
			plot.setImage(img);
		});
	}

	/** Another measurement of the structure: the plot beside the losses. */
	void fidelity(FidelityPoint point) {
		fidelity.add(point);
		Image img = structurePlot(total).getProcessor().createImage();
		EventQueue.invokeLater(() -> structure.setImage(img));
	}

	/** The structure against the training image: what the losses do not say. */
	Plot structurePlot(long total) {
		Plot p = new Plot("SliceGAN structure", "iteration", "difference from the image");
		p.setSize(PLOT_W, PLOT_H);
		int n = fidelity.size();
		double[] x = new double[n], fraction = new double[n], surface = new double[n], s2 = new double[n];
		double hi = 1e-3;
		for (int i = 0; i < n; i++) {
			FidelityPoint f = fidelity.get(i);
			x[i] = f.iteration;
			fraction[i] = f.phaseFraction;
			surface[i] = f.surfaceArea;
			s2[i] = f.s2;
			hi = Math.max(hi, Math.max(fraction[i], Math.max(surface[i], Double.isFinite(s2[i]) ? s2[i] : 0)));
		}
		p.setLineWidth(2);
		p.setColor(new Color(30, 60, 210));
		p.addPoints(x, fraction, Plot.CONNECTED_CIRCLES);
		p.setColor(new Color(200, 120, 0));
		p.addPoints(x, surface, Plot.CONNECTED_CIRCLES);
		p.setColor(new Color(120, 20, 160));
		p.addPoints(x, s2, Plot.CONNECTED_CIRCLES);
		p.setColor(Color.BLACK);
		p.setLineWidth(1);
		p.addLegend("phase fraction (largest |difference|)\nsurface area (largest relative difference)\nS2 (RMSE)",
			"top-right");
		p.setLimits(0, Math.max(total, 1), 0, 1.05 * hi);
		return p;
	}

	/** The losses so far: the critics' Wasserstein estimate, the gradient penalty and the generator's loss. */
	Plot lossPlot(long total) {
		Plot p = new Plot("SliceGAN losses", "iteration", "loss");
		p.setSize(PLOT_W, PLOT_H);
		double[] x = Arrays.copyOf(it, n);
		p.setColor(new Color(30, 60, 210));
		p.setLineWidth(2);
		p.addPoints(x, Arrays.copyOf(w, n), Plot.LINE);
		p.setColor(new Color(200, 30, 30));
		p.addPoints(x, Arrays.copyOf(gp, n), Plot.LINE);
		p.setColor(new Color(20, 140, 20));
		p.addPoints(x, Arrays.copyOf(g, n), Plot.LINE);
		p.setColor(Color.BLACK);
		p.setLineWidth(1);
		p.addLegend("W = D(real) − D(fake)\ngradient penalty\ngenerator loss", "top-right");
		double lo = 0, hi = 0;
		for (double[] v : new double[][] { w, gp, g })
			for (int i = 0; i < n; i++)
				if (Double.isFinite(v[i])) {
					lo = Math.min(lo, v[i]);
					hi = Math.max(hi, v[i]);
				}
		double pad = 0.05 * Math.max(hi - lo, 1e-6);
		p.setLimits(0, Math.max(total, 1), lo - pad, hi + pad);
		return p;
	}

	void preview(long iteration, GeneratedVolume volume, ModelState model) {
		ImageProcessor[] midPlanes = MidPlanes.of(volume, model.phaseValues);
		Image[] img = new Image[3];
		for (int a = 0; a < 3; a++) {
			ImageProcessor ip = midPlanes[a];
			double scale = Math.min((double) SLICE / ip.getWidth(), (double) SLICE / ip.getHeight());
			ip.setInterpolationMethod(ImageProcessor.NONE);
			img[a] = ip.resize((int) Math.round(ip.getWidth() * scale), (int) Math.round(ip.getHeight() * scale))
				.createImage();
		}
		EventQueue.invokeLater(() -> {
			for (int a = 0; a < 3; a++)
				slices[a].setImage(img[a]);
			sliceLabels[0].setText("xy (z mid), iteration " + iteration);
		});
	}

	void finished(String summary) {
		done = true;
		EventQueue.invokeLater(() -> {
			status.setText("Done: " + summary);
			stop.setLabel("Close");
			stop.setEnabled(true);
		});
	}

	/** Draws one image, centred. */
	private static final class ImageCanvas extends Canvas {

		private static final long serialVersionUID = 1L;
		private Image image;

		ImageCanvas(int w, int h) {
			setPreferredSize(new Dimension(w, h));
			setBackground(Color.WHITE);
		}

		void setImage(Image img) {
			image = img;
			repaint();
		}

		@Override
		public void update(Graphics g) {
			paint(g); // no clearing first: no flicker
		}

		@Override
		public void paint(Graphics g) {
			Image img = image;
			if (img == null) return;
			int iw = img.getWidth(null), ih = img.getHeight(null);
			g.drawImage(img, (getWidth() - iw) / 2, (getHeight() - ih) / 2, null);
		}
	}
}

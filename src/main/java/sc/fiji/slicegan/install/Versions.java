package sc.fiji.slicegan.install;

/** Orders versions as Maven mostly does: numbers by value, "1.5.13" after "1.5.10", a release after its "-rc"s. */
final class Versions {

	private Versions() {}

	static int compare(String a, String b) {
		String[] x = a.split("[.\\-_]"), y = b.split("[.\\-_]");
		for (int i = 0; i < Math.max(x.length, y.length); i++) {
			String p = i < x.length ? x[i] : "", q = i < y.length ? y[i] : "";
			boolean pn = p.matches("\\d+"), qn = q.matches("\\d+");
			int c;
			if (pn && qn) c = Long.compare(Long.parseLong(p), Long.parseLong(q));
			else if (pn != qn) c = p.isEmpty() ? (q.matches("(?i)rc.*|alpha.*|beta.*|m\\d*") ? 1 : -1) : q.isEmpty()
				? (p
					.matches("(?i)rc.*|alpha.*|beta.*|m\\d*") ? -1 : 1) : pn ? 1 : -1;
			else c = p.compareToIgnoreCase(q);
			if (c != 0) return c;
		}
		return 0;
	}
}

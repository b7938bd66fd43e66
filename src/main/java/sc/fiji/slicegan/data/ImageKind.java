package sc.fiji.slicegan.data;

/** What a training image holds, which decides the generator's channels and head. */
public enum ImageKind {
	/** Segmented labels: one channel per distinct value, softmax output, argmax back to the values. */
	N_PHASE,
	/** One intensity channel in [0, 1]. */
	GRAYSCALE,
	/** Three channels (RGB) in [0, 1]. */
	COLOUR;

	/** The user's word for it: n-phase, grayscale, colour. */
	public String label() {
		return name().toLowerCase().replace('_', '-');
	}

	/** Parses a user's word: "n-phase", "nphase", "grayscale", "grey", "colour", "color", "rgb". */
	public static ImageKind parse(String s) {
		switch (s.toLowerCase().replace("-", "").replace("_", "")) {
			case "nphase":
			case "segmented":
			case "labels":
				return N_PHASE;
			case "grayscale":
			case "greyscale":
			case "gray":
			case "grey":
				return GRAYSCALE;
			case "colour":
			case "color":
			case "rgb":
				return COLOUR;
			default:
				throw new sc.fiji.slicegan.BadInputException("Unknown data type '" + s + "': use n-phase, " +
					"grayscale or colour (or auto).");
		}
	}
}

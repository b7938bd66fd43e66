package sc.fiji.slicegan.install;

import java.nio.file.Path;
import java.util.Locale;

/** A jar by its Maven coordinates (group:artifact:version, and the classifier of a native jar), and its file. */
final class Artifact {

	final String group, artifact, version, classifier;
	final Path file;

	Artifact(String group, String artifact, String version, String classifier, Path file) {
		this.group = group;
		this.artifact = artifact;
		this.version = version;
		this.classifier = classifier == null || classifier.isEmpty() ? null : classifier;
		this.file = file;
	}

	/** group:artifact[:classifier], the identity of a library whatever its version. */
	String key() {
		return group + ":" + artifact + (classifier == null ? "" : ":" + classifier);
	}

	@Override
	public String toString() {
		return group + ":" + artifact + ":" + version + (classifier == null ? "" : ":" + classifier);
	}

	/**
	 * The Fiji platform folder a native jar goes to ({@code linux64}, {@code win64}, {@code macos64},
	 * {@code macos-arm64}), or null for a jar that runs everywhere.
	 */
	String platform() {
		return classifier == null ? null : Platforms.fijiFolder(classifier);
	}

	/**
	 * Its file name in Fiji: {@code artifact-version[-classifier].jar}, and ND4J's repackaged third-party libraries
	 * ({@code org.nd4j:guava}, {@code jackson}, {@code protobuf}) as {@code nd4j-guava-…}, so that nobody mistakes
	 * them for Google's Guava or the others.
	 */
	String fileName() {
		String name = artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
		return group.equals("org.nd4j") && !artifact.toLowerCase(Locale.ROOT).startsWith("nd4j") ? "nd4j-" + name
			: name;
	}
}

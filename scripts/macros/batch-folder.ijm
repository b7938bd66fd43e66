// Trains a SliceGAN on every TIFF or PNG image in a folder and generates a volume from each model.
// Argument: "input=[DIR/] output=[DIR/]" and optionally network=, iterations=, critic_batch=, generator_batch=,
// critic_steps=, real_crops=, edge=, seed= (see scripts/batch-headless.sh).
args = getArgument();
input = option(args, "input", "");
output = option(args, "output", "");
if (input == "" || output == "") exit("Give input=[folder/] and output=[folder/].");
training = "network=" + option(args, "network", "table1") + " iterations=" + option(args, "iterations", "1000")
	+ " critic_batch=" + option(args, "critic_batch", "8") + " generator_batch=" + option(args, "generator_batch", "16")
	+ " critic_steps=" + option(args, "critic_steps", "5") + " real_crops=" + option(args, "real_crops", "0")
	+ " seed=" + option(args, "seed", "42");
edge = option(args, "edge", "64");
setBatchMode(true);
files = getFileList(input);
done = 0;
for (i = 0; i < files.length; i++) {
	name = files[i];
	lower = toLowerCase(name);
	if (!endsWith(lower, ".tif") && !endsWith(lower, ".tiff") && !endsWith(lower, ".png")) continue;
	stem = substring(name, 0, lastIndexOf(name, "."));
	model = output + stem + ".zip";
	print("SliceGAN batch: " + name);
	open(input + name);
	run("Train SliceGAN...", "image=[" + getTitle() + "] " + training + " model_file=[" + model + "] volume_edge=" + edge);
	close("*");
	if (!File.exists(model)) {
		print("SliceGAN batch: no model for " + name + " (see the message above)");
		continue;
	}
	run("Generate SliceGAN Volumes...", "model_file=[" + model + "] edge=" + edge + " seed=1 count=1");
	saveAs("Tiff", output + stem + "-volume.tif");
	close("*");
	done++;
}
print("SliceGAN batch: " + done + " image(s) done, results in " + output);

// The value of key=value (or key=[value with spaces]) in s, else the default.
function option(s, key, default) {
	s = " " + s + " ";
	i = indexOf(s, " " + key + "=");
	if (i < 0) return default;
	s = substring(s, i + lengthOf(key) + 2);
	if (startsWith(s, "[")) return substring(s, 1, indexOf(s, "]"));
	return substring(s, 0, indexOf(s, " "));
}

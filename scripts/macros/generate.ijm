// Generates three 128³ volumes from a model and saves them beside it.
// Argument: the model file (.zip).
model = getArgument();
if (model == "") model = File.openDialog("SliceGAN model (.zip)");
setBatchMode(true);
run("Generate SliceGAN Volumes...", "model_file=[" + model + "] edge=128 latent_size=0 periodic=none seed=1 count=3 backend=auto");
dir = File.getParent(model) + File.separator;
stem = File.getNameWithoutExtension(model);
for (i = nImages; i >= 1; i--) {
	selectImage(i);
	saveAs("Tiff", dir + stem + "-volume-" + i + ".tif");
	print("saved " + dir + stem + "-volume-" + i + ".tif");
}
close("*");

// Trains a SliceGAN on an image and shows the volume generated at the end.
// Argument (optional): the image file; else the open image is used.
image = getArgument();
if (image != "") open(image);
model = getDirectory("temp") + File.nameWithoutExtension + "-slicegan.zip";
run("Train SliceGAN...", "image=[" + getTitle() + "] data_type=auto network=small iterations=300 critic_batch=2 generator_batch=4 critic_steps=5 real_crops=32 learning_rate=0.001 backend=auto seed=42 model_file=[" + model + "] volume_edge=64");
print("Model: " + model + "; volume: " + getTitle() + ", " + getWidth() + "x" + getHeight() + "x" + nSlices);

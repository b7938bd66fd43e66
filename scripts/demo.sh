#!/usr/bin/env bash
# Trains a small SliceGAN on test-images/blobs-2phase.tif (CPU, about 5 minutes on 2 cores), generates a 64³
# volume, writes out/demo/model.zip and out/demo/volume.tif, and prints a summary; where Python has Pillow
# (Debian: apt-get install python3-pil), also out/demo/slices.png: the image beside the volume's xy, xz and yz
# planes. Extra options go to `demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
# the Fiji overlay and its zip are not needed for the demo
mvn -q -B -DskipTests -Dexec.skip -Dassembly.skipAssembly=true package
java -jar target/SliceGAN_-*[0-9T].jar demo --out out/demo "$@"
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import PIL' 2>/dev/null; then
    "$py" scripts/draw-slices.py out/demo/slices.png test-images/blobs-2phase.tif out/demo/volume.tif \
      --labels "training image,generated" --title "SliceGAN demo: image vs generated volume (xy, xz, yz)" --size 320 &&
      echo "slices         : out/demo/slices.png"
    break
  fi
done

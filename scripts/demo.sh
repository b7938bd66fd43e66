#!/usr/bin/env bash
# Trains a small SliceGAN on test-images/blobs-2phase.tif (CPU, about 5 minutes on 2 cores), generates a 64³
# volume, writes out/demo/model.zip and out/demo/volume.tif, and prints a summary; where Python has Pillow
# (Debian: apt-get install python3-pil), also out/demo/slices.png: the image beside the volume's xy, xz and yz
# planes. Extra options go to `demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
# the Fiji overlay and its zip are not needed for the demo
mvn -q -B -DskipTests -Dexec.skip -Dassembly.skipAssembly=true package
# the picture goes where the demo wrote its volume (--out / --output_folder, default out/demo)
out=out/demo image=test-images/blobs-2phase.tif
args=("$@")
for ((i = 0; i + 1 < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --out | --output_folder | --output-folder) out=${args[i + 1]} ;;
    --image) image=${args[i + 1]} ;;
  esac
done
java -jar target/SliceGAN_-*[0-9T].jar demo --out "$out" "$@"
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import PIL' 2>/dev/null; then
    "$py" scripts/draw-slices.py "$out/slices.png" "$image" "$out/volume.tif" \
      --labels "training image,generated" --title "SliceGAN demo: image vs generated volume (xy, xz, yz)" --size 320 &&
      echo "slices         : $out/slices.png"
    break
  fi
done

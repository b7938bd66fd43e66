#!/usr/bin/env bash
# Trains a SliceGAN on every image (TIFF/PNG) in a folder and generates a volume from each model, headless:
#   batch-headless.sh INPUT_DIR OUTPUT_DIR [MACRO_OPTIONS]
# MACRO_OPTIONS go to scripts/macros/batch-folder.ijm, e.g. "network=small iterations=300 edge=64".
# Writes OUTPUT_DIR/NAME.zip (model) and OUTPUT_DIR/NAME-volume.tif for each image.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 INPUT_DIR OUTPUT_DIR [MACRO_OPTIONS]" >&2
  exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)
in=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
exec "$here/run-macro-headless.sh" "$here/macros/batch-folder.ijm" "input=[$in/] output=[$out/] ${3:-}"

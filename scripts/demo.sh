#!/usr/bin/env bash
# Trains a small SliceGAN on test-images/blobs-2phase.tif (CPU, a few minutes on 2 cores), generates a 64³
# volume, writes out/demo/model.zip and out/demo/volume.tif, and prints a summary. Extra options go to `demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
# the Fiji overlay and its zip are not needed for the demo
mvn -q -B -DskipTests -Dexec.skip -Dassembly.skipAssembly=true package
exec java -jar target/SliceGAN_-*[0-9T].jar demo --out out/demo "$@"

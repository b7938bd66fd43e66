#!/usr/bin/env bash
# Fidelity on real materials: for each 3D volume in DATA_DIR, train on ONE 2D slice (isotropic), generate N volumes
# and compare them with N random crops of the real volume (phase fractions, specific surface area, S2 along each
# axis, TPB, relative diffusivity and tortuosity along each axis). One table per volume and run.
#   scripts/bench-fidelity.sh DATA_DIR [options]            e.g. DATA_DIR = ../shared/data
# Modes (same output):
#   --mode cpu   (default) the CPU preset (network small-rc-wide, m_D 2, m_G 4, lr 1e-3,
#                beta1 0.5), 2000 iterations: about 15 minutes per volume and run alone on 2 cores
#   --mode gpu   Table 1 and rc at full resolution (--network table1,rc), the paper's settings, --backend gpu
# Runs: --network, --schedule paper,reference, --init normal,pytorch and --seed take lists (one run per combination;
#   default: the product's loop, reference × normal, seed 42).
# Settings: --iterations --critic-batch --generator-batch --critic-steps --real-crops --penalty-samples
#   --learning-rate --beta1 --beta2 --lambda (real crops and m_G follow the schedule unless given, as in `train`).
# Comparison: --count N (32) volumes of --edge E (half the shortest edge of the volume), --volumes a.tif,b.tif,
#   --slice Z (training slice, default the middle), --orthogonal (train on the xy plane at Z and the xz and yz planes
#   through the middle, a critic each: the paper's anisotropic mode), --whole-volume (train on every slice of the
#   volume along each axis, a critic each: what 2D sections of the whole volume teach), --factor F (downsampling),
#   --crop-seed, --generation-seed, --no-baseline (skip the real-vs-real table). Curves: --eval-every K (statistics
#   of --curve-count volumes, 8, every K iterations: curve.csv), --no-curve-diffusion, --keep-checkpoints.
# Other: --models a.zip,b.zip (evaluate saved models, no training), --tag SUFFIX (run names), --out DIR
#   (target/fidelity), --summarize DIR (count the wins of saved runs).
# Output per run in OUT/VOLUME/RUN/: table.txt (ending with the diffusivity's Δ/sd split into the part the phase
#   fraction explains and the part beyond it), rows.csv, curve.csv, timing.txt, model.zip, generated.tif; per
# volume: real-volume.tif (after downsampling), real-crop.tif, training-slice.tif (scripts/draw-slices.py draws them),
# training-slice-Z.txt (the slice against the real crops); per run also plane-profile.csv (each plane's mean phase
# fraction over the generated volumes and over the real crops, along z, y and x).
# Where there is no Maven but a GPU bundle (scripts/gpu-bundle.sh made .gpu-bundle/), it runs from the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 2; fi
data=$1; shift
main=sc.fiji.slicegan.bench.FidelityBenchmark
if command -v mvn >/dev/null; then
  mvn -q -B ${MVN_FLAGS:-} -DskipTests test-compile
  cp_file=target/bench-classpath.txt
  mvn -q -B ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$cp_file >/dev/null
  exec java -Xmx${BENCH_XMX:-12g} -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2 \
    -cp "target/classes:target/test-classes:$(cat $cp_file)" $main "$data" "$@"
elif [ -f .gpu-bundle/env.sh ]; then
  source .gpu-bundle/env.sh
  exec "$JAVA" -Xmx${BENCH_XMX:-24g} -cp "$CP" $main "$data" "$@"
else
  echo "needs Maven, or a bundle made by scripts/gpu-bundle.sh" >&2; exit 2
fi

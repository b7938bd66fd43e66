#!/usr/bin/env bash
# On a GPU machine (CUDA 13 driver and libraries, PyTorch for the comparison; no Maven, no network), from the
# repository root, after scripts/gpu-bundle.sh made .gpu-bundle/:   scripts/gpu-check.sh RESULTS_DIR
# Runs the GPU backend against the CPU golden outputs and the PyTorch golden file, a 300-iteration training run,
# the Table 1 training speed and a 480³ generation, then the PyTorch implementation of the same training loop,
# and prints one table. Logs go to RESULTS_DIR. SKIP_TORCH=1 leaves the PyTorch side out.
set -uo pipefail
results=${1:?usage: gpu-check.sh RESULTS_DIR}
mkdir -p "$results"
cd "$(dirname "$0")/.."
source .gpu-bundle/env.sh > "$results/gpu.txt"
cat "$results/gpu.txt"
nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 100 > "$results/gpu-memory-java.log" 2>/dev/null &
smi=$!
"$JAVA" -Xmx16g -cp "$CP" sc.fiji.slicegan.gpu.GpuCheck "$results" .gpu-bundle/golden/ops.bin 2>&1 | tee "$results/java.log"
java_status=${PIPESTATUS[0]}
kill $smi 2>/dev/null
# generation, each case in its own process so that its peak GPU memory can be read
for case in "480" "480 6000000000" "1024" "1024 6000000000"; do
  log="$results/gpu-memory-gen-${case// /-}.log"
  nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 50 > "$log" 2>/dev/null &
  smi=$!
  "$JAVA" -Xmx24g -cp "$CP" sc.fiji.slicegan.gpu.GpuGenerationBench $case 2>&1 | tee -a "$results/generation.log"
  kill $smi 2>/dev/null
  echo "peak GPU memory in use (whole GPU, MiB) for generation $case: $(sort -n "$log" | tail -n 1)" | tee -a "$results/generation.log"
done
py=python3
[ -x /opt/torch/.venv/bin/python ] && py=/opt/torch/.venv/bin/python
[ -n "${SKIP_TORCH:-}" ] && py=true
nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 100 > "$results/gpu-memory-torch.log" 2>/dev/null &
smi=$!
for real in 0 8; do
  $py scripts/pytorch/bench_torch.py --device cuda --preset table1 --md 8 --mg 8 --nd 5 --iters 5 --warmup 2 \
    --real-per-axis $real --gen-edge 480 --json 2>>"$results/torch.err" | tee -a "$results/torch.json"
done
kill $smi 2>/dev/null
max() { sort -n "$1" 2>/dev/null | tail -n 1; }
echo
echo "== summary ($(head -n 1 "$results/gpu.txt"))"
grep -E "^(ours|generation)" "$results/java.log"
cat "$results/generation.log"
sed 's/^/pytorch (real crops per axis 512, then 8): /' "$results/torch.json"
echo "peak GPU memory in use (whole GPU, MiB): java $(max "$results/gpu-memory-java.log"), pytorch $(max "$results/gpu-memory-torch.log")"
grep -E "^GPU check" "$results/java.log"
exit $java_status

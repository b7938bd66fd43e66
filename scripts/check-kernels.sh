#!/usr/bin/env bash
# Compiles our CUDA kernels (src/main/resources/sc/fiji/slicegan/backend/cuda) as the GPU backend does at start-up:
# every .cu file in one program, the .cuh headers found by name, no host headers; here with nvcc -cubin (no GPU
# needed) for each GPU generation the backend supports, Turing (sm_75) to Blackwell (sm_120).
#   scripts/check-kernels.sh [ARCH...]      (default: sm_75 sm_90 sm_120; NVCC=/path/to/nvcc to choose one)
set -euo pipefail
cd "$(dirname "$0")/.."
src=src/main/resources/sc/fiji/slicegan/backend/cuda
nvcc=${NVCC:-nvcc}
archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=(sm_75 sm_90 sm_120)
if grep -n '#[[:space:]]*include[[:space:]]*<' "$src"/*.cu "$src"/*.cuh; then
  echo "host headers included: NVRTC has none" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in "$src"/*.cu; do
  printf '#line 1 "%s"\n' "$(basename "$f")"
  cat "$f"
  echo
done > "$work/slicegan.cu"
status=0
for arch in "${archs[@]}"; do
  if "$nvcc" -cubin -arch="$arch" -I "$src" -Werror all-warnings -o "$work/$arch.cubin" "$work/slicegan.cu"; then
    echo "ok   $arch ($(wc -c < "$work/$arch.cubin") bytes)"
  else
    echo "FAIL $arch"
    status=1
  fi
done
exit $status

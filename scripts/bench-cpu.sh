#!/usr/bin/env bash
# Side-by-side CPU benchmark: this project's training loop and generation against the PyTorch implementation of the
# same networks and loop (scripts/pytorch/bench_torch.py), on the same cores and thread count, one after the other,
# printed as one table.
#   scripts/bench-cpu.sh                 both rows (about 5 minutes on 2 cores)
#   scripts/bench-cpu.sh --quick         the small rows only (small, small-rc and small-rc-wide)
#   options: --threads N (default: all processors)   --iters N timed iterations per row (default 3, after 1 warm-up)
#            --baseline        add our training loop on ND4J's own ops (the CPU backend before it called oneDNN)
#            --torch-blas DIR  add PyTorch with the BLAS library in DIR (e.g. OpenBLAS, see below)
#            --competitors N   run N busy loops during the rows: what other work on the cores does to the timings
#            --force           run even though other work is using the processors (the table is then marked)
#            --peak-gflops X   the processors' FP32 peak over the threads used, to print each row's share of it
#                              (default: measured with scripts/cpu-peak.c where gcc is installed)
# Rows: the small preset (m_D 4, m_G 8, 32 real crops per axis), small-rc and the CPU preset's network
# small-rc-wide (m_D 2, m_G 4, 2 real crops per axis: the CPU preset's batches) and Table 1 with m_D = m_G = 1 (64 real crops per axis), n_D 5; each with a 192³ generation (the better of two). Both sides use OMP_NUM_THREADS = --threads.
# Needs Debian's python3-torch (apt-get install -y python3-torch python3-pil) for the PyTorch rows. Debian's torch
# calls BLAS through libblas.so.3, by default the unoptimised netlib reference BLAS; for a PyTorch with OpenBLAS,
# without changing the system: apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb /tmp/ob
# and pass --torch-blas /tmp/ob/usr/lib/x86_64-linux-gnu/openblas-pthread.
set -euo pipefail
cd "$(dirname "$0")/.."
quick="" force="" baseline="" torch_blas="" competitors=0 iters=3 peak=""
threads=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --force) force=1 ;;
    --baseline) baseline=1 ;;
    --threads) threads=$2; shift ;;
    --iters) iters=$2; shift ;;
    --torch-blas) torch_blas=$2; shift ;;
    --competitors) competitors=$2; shift ;;
    --peak-gflops) peak=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
py=/usr/bin/python3
out=$(mktemp -d)

# Busy processor time of the whole machine, in cores, over a few seconds while we do nothing.
others_now() {
  $py - <<'EOF'
import os, time
def busy():
    v = open("/proc/stat").readline().split()
    return sum(int(v[i]) for i in (1, 2, 3, 6, 7, 8))
a = busy(); time.sleep(5); b = busy()
print("%.2f" % ((b - a) / os.sysconf("SC_CLK_TCK") / 5))
EOF
}

check_quiet() { # when
  local busy load
  busy=$(others_now)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "$1: other work $busy cores (load average $load)" >&2
  if awk -v b="$busy" 'BEGIN { exit !(b > 0.15) }'; then
    if [ -z "$force" ]; then
      echo "REFUSING TO START: other processes use $busy cores; timings would measure them, not us." >&2
      echo "Wait until the machine is quiet, or pass --force (the table is then marked as noisy)." >&2
      exit 3
    fi
    echo "WARNING: OTHER WORK IS RUNNING ($busy cores): THE TIMINGS BELOW ARE NOT TRUSTWORTHY." >&2
    noisy="yes ($busy cores before the run)"
  fi
}

noisy=""
check_quiet "before the build"
# the Fiji overlay and its zip are not needed here
mvn -q -B -DskipTests -Dexec.skip -Dassembly.skipAssembly=true package test-compile
cp_file=target/bench-classpath.txt
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$cp_file >/dev/null
cp="target/classes:target/test-classes:$(cat $cp_file)"
sleep 20 # let the build's compiler threads and file writes settle
check_quiet "after the build"

if [ -z "$peak" ] && command -v gcc >/dev/null; then
  # the FP32 peak of these cores, as a loop of fused multiply-adds reaches it (real clock and vector width)
  gcc -O2 -march=native -fopenmp scripts/cpu-peak.c -o target/cpu-peak &&
    peak_line=$(OMP_NUM_THREADS=$threads target/cpu-peak) && peak=${peak_line%% *} && echo "peak: $peak_line" >&2
fi

busy_pids=()
stop_competitors() { for p in "${busy_pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_competitors EXIT
for ((i = 0; i < competitors; i++)); do
  $py -c 'while True: pass' & busy_pids+=($!)
done

export OMP_NUM_THREADS=$threads
log() { echo "$out/${1// /_}-$2.log"; } # label, row
java_row() { # label, row, extra JVM option or "", benchmark args...
  local label=$1 row=$2 opt=$3; shift 3
  java -Xmx16g ${opt:+"$opt"} -cp "$cp" sc.fiji.slicegan.bench.TrainingBenchmark "$@" 2>"$(log "$label" "$row")" |
    tail -n 1 | sed "s/\"impl\": \"java\"/\"impl\": \"$label\"/" ||
    echo "{\"impl\": \"$label, $row: FAILED, see $(log "$label" "$row")\"}"
}
torch_row() { # label, row, BLAS directory or "", benchmark args...
  local label=$1 row=$2 blas=$3; shift 3
  if ! $py -c 'import torch' 2>/dev/null; then
    echo "{\"impl\": \"$label (not installed: apt-get install -y python3-torch python3-pil)\"}"; return
  fi
  LD_LIBRARY_PATH="${blas}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=$threads \
    $py scripts/pytorch/bench_torch.py --threads "$threads" --json "$@" 2>"$(log "$label" "$row")" | tail -n 1 |
    sed "s/\"impl\": \"pytorch\"/\"impl\": \"$label\"/" ||
    echo "{\"impl\": \"$label, $row: FAILED, see $(log "$label" "$row")\"}"
}
run_row() { # row name, benchmark args...
  local row=$1; shift
  java_row ours "$row" "" "$@"
  [ -z "$baseline" ] || java_row "ours, ND4J ops" "$row" -Dslicegan.cpu.onednn=false "$@"
  torch_row pytorch "$row" "" "$@"
  [ -z "$torch_blas" ] || torch_row "pytorch+openblas" "$row" "$torch_blas" "$@"
}

started=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
while IFS= read -r line; do rows+=("$line"); done < <(
  run_row small --preset small --md 4 --mg 8 --real-per-axis 32 --iters "$iters" --warmup 1 --gen-edge 192
  run_row small-rc --preset small-rc --md 2 --mg 4 --real-per-axis 2 --iters "$iters" --warmup 1 --gen-edge 192
  run_row small-rc-wide --preset small-rc-wide --md 2 --mg 4 --real-per-axis 2 --iters "$iters" --warmup 1 \
    --gen-edge 192
  [ -n "$quick" ] || run_row table1 --preset table1 --md 1 --mg 1 --iters "$iters" --warmup 1 --gen-edge 192
)
stop_competitors

echo
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) processors;" \
  "$threads threads per side; $competitors busy competitor(s)"
echo "load average at the start $started, at the end $(cut -d' ' -f1-3 /proc/loadavg)${noisy:+; NOISY: $noisy}"
printf '%s\n' "${rows[@]}" | PEAK_GFLOPS="$peak" $py scripts/pytorch/bench_table.py
echo "logs: $out"

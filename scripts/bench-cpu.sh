#!/usr/bin/env bash
# Side-by-side CPU benchmark: this project's training loop and generation against a PyTorch implementation of the
# same networks and loop (scripts/pytorch/bench_torch.py), on the same cores, one after the other.
#   scripts/bench-cpu.sh            all rows (about 15 minutes on 2 cores)
#   scripts/bench-cpu.sh --quick    the demo configuration only
# Rows: Table 1 networks with m_D = m_G = 1 (+ a 192³ generation), and the demo configuration (small networks,
# m_D = 4, m_G = 8, 32 real crops per axis). Java runs twice: ND4J's oneDNN build and its plain AVX2 build.
# Needs Debian's python3-torch (apt-get install -y python3-torch python3-pil) for the PyTorch rows.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
threads=$(nproc)
py=/usr/bin/python3
mvn -q -B -DskipTests package test-compile
mvn -q -B dependency:get -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-avx2 >/dev/null
cp_file=target/bench-classpath.txt
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$cp_file >/dev/null
avx2_jar=~/.m2/repository/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar
cp="target/classes:target/test-classes:$(cat $cp_file):$avx2_jar"
out=$(mktemp -d)

java_row() { # name, extension, args...
  local name=$1 ext=$2; shift 2
  java -Xmx16g -Dorg.bytedeco.javacpp.platform.extension="$ext" -cp "$cp" \
    sc.fiji.slicegan.bench.TrainingBenchmark "$@" 2>"$out/$name.log" | tail -n 1 | sed "s/\"impl\": \"java\"/\"impl\": \"$name\"/"
}
torch_row() {
  if ! $py -c 'import torch' 2>/dev/null; then
    echo "{\"impl\": \"pytorch (not installed: apt-get install -y python3-torch python3-pil)\"}"; return
  fi
  $py scripts/pytorch/bench_torch.py --threads "$threads" --json "$@" 2>"$out/torch.log" | tail -n 1
}

rows=()
demo=(--preset small --md 4 --mg 8 --real-per-axis 32 --iters 3 --warmup 1 --gen-edge 192)
rows+=("$(java_row java-onednn -onednn-avx2 "${demo[@]}")")
rows+=("$(java_row java-avx2 -avx2 "${demo[@]}")")
rows+=("$(torch_row "${demo[@]}")")
if [ "$quick" != "--quick" ]; then
  full=(--preset table1 --md 1 --mg 1 --iters 1 --warmup 1 --gen-edge 192)
  rows+=("$(java_row java-onednn -onednn-avx2 "${full[@]}")")
  rows+=("$(java_row java-avx2 -avx2 "${full[@]}")")
  rows+=("$(torch_row "${full[@]}")")
fi

echo
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $threads threads"
printf '%s\n' "${rows[@]}" | $py -c '
import json, sys
print("%-14s %-7s %3s %3s %12s %14s %12s %10s %9s" % ("impl", "preset", "mD", "mG", "ms/iter", "ms/critic step", "ms/G step", "gen", "peak RSS"))
for line in sys.stdin:
    r = json.loads(line)
    if "preset" not in r:
        print(r["impl"]); continue
    gen = "%d^3 %.1fs" % (r["gen_edge"], r["gen_ms"] / 1000)
    print("%-14s %-7s %3d %3d %12.0f %14.0f %12.0f %10s %6.0f MB" % (r["impl"], r["preset"], r["md"], r["mg"],
          r["ms_per_iter"], r["ms_per_critic_step"], r["ms_per_gen_step"], gen, r["peak_rss_mb"]))
'
echo "logs: $out"

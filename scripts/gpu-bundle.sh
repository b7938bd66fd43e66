#!/usr/bin/env bash
# On a machine with Maven (no GPU needed): builds the jar, the CPU golden outputs for the GPU check, and a
# self-contained folder .gpu-bundle/ (a small JRE, the runtime jars without ND4J, env.sh) with
# ../shared/device/make-bundle.sh. Then, on the GPU machine, from the repository root: scripts/gpu-check.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -Dexec.skip -Dassembly.skipAssembly=true package test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="target/classes:target/test-classes:$(cat target/test-classpath.txt)"
java -cp "$cp" sc.fiji.slicegan.gpu.GpuGoldens target/gpu-golden/ops.bin
jar cf target/slicegan-tests.jar -C target/test-classes .
jars=(target/SliceGAN_-*[0-9T].jar target/slicegan-tests.jar)
for name in gson ij javacpp cuda junit-jupiter-api opentest4j junit-platform-commons apiguardian-api; do
  # this (Linux) machine's natives only: the other platforms' are on the class path for packaging
  for j in $(tr ':' '\n' < target/test-classpath.txt | grep "/$name-[0-9]" | grep -v -e windows -e macosx); do
    jars+=("$j")
  done
done
bundle=${SHARED_DIR:-../shared}/device/make-bundle.sh
"$bundle" .gpu-bundle "${jars[@]}"
mkdir -p .gpu-bundle/golden && cp target/gpu-golden/ops.bin target/gpu-golden/blobs-2phase.bin .gpu-bundle/golden/
grep -qx '/.gpu-bundle/' .git/info/exclude 2>/dev/null || echo '/.gpu-bundle/' >> .git/info/exclude
echo "bundle ready: .gpu-bundle ($(du -sm .gpu-bundle | cut -f1) MiB)"

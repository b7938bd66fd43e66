#!/usr/bin/env bash
# Benchmark of the steady-state diffusion solve (not a test).
# Usage: scripts/bench-diffusion.sh [size=256] [voxels|blobs] [poreFraction=0.5] [axis=x] [seed=42] [threads=all]
# Builds test classes, then runs sc.fiji.slicegan.metrics.DiffusionBenchmark and prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests test-compile
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
# 256^3 needs ~1.2 GB: four double vectors and four float arrays of 16.7 M voxels
exec java -Xmx4g -cp "$CP" sc.fiji.slicegan.metrics.DiffusionBenchmark "$@"

#!/usr/bin/env bash
# Benchmark of the steady-state diffusion solve (not a test).
# Usage: scripts/bench-diffusion.sh [size=256] [voxels|blobs] [poreFraction=0.5] [axis=x] [seed=42] [threads=all]
#        [multigrid|jacobi] [overCorrection]
# Progress goes to stderr. Measured (2 shared cores, 256^3, 50% pores): multigrid 27 iterations ~34 s,
# Jacobi 761 iterations ~171 s.
# Builds test classes, then runs sc.fiji.slicegan.metrics.DiffusionBenchmark and prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests test-compile
mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
# 256^3 needs ~1.2 GB: five double vectors, five float arrays of 16.7 M voxels, coarse levels
exec java -Xmx4g -cp "$CP" sc.fiji.slicegan.metrics.DiffusionBenchmark "$@"

#!/usr/bin/env bash
# Runs an ImageJ macro without a display: run-macro-headless.sh MACRO.ijm [ARGUMENT]
# With FIJI_DIR set (a Fiji.app with SliceGAN installed), Fiji's own --headless mode runs it. Otherwise plain
# ImageJ runs it with this project's jars (target/, built on first use), through a launcher that registers the
# SliceGAN commands, which plain ImageJ cannot do without a display.
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 MACRO.ijm [ARGUMENT]" >&2
  exit 1
fi
macro=$1
arg=${2:-}
if [[ -n "${FIJI_DIR:-}" ]]; then
  for launcher in "$FIJI_DIR"/fiji-linux-x64 "$FIJI_DIR"/ImageJ-linux64; do
    [[ -x "$launcher" ]] && exec "$launcher" --headless --console -macro "$macro" "$arg"
  done
  echo "No Fiji launcher in $FIJI_DIR" >&2
  exit 1
fi
root=$(cd "$(dirname "$0")/.." && pwd)
cp=${SLICEGAN_CLASSPATH:-}
if [[ -z "$cp" ]]; then
  jar=$(ls "$root"/target/SliceGAN_-*[0-9T].jar 2>/dev/null | head -1 || true)
  if [[ -z "$jar" ]]; then
    (cd "$root" && mvn -q -B -DskipTests -Dexec.skip -Dassembly.skipAssembly=true package)
    jar=$(ls "$root"/target/SliceGAN_-*[0-9T].jar | head -1)
  fi
  cp="$jar:$root/target/lib/*"
fi
exec java -Xmx6g -Djava.awt.headless=true -Dorg.bytedeco.javacpp.platform.extension=-onednn-avx2 \
  -cp "$cp" sc.fiji.slicegan.fiji.HeadlessMacro "$macro" "$arg"

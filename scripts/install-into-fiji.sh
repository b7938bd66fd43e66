#!/usr/bin/env bash
# Installs SliceGAN into a Fiji.app: install-into-fiji.sh FIJI_DIR
# Copies our jar into FIJI_DIR/plugins/ and its runtime libraries (ND4J and its CPU natives, Gson, JTransforms, …)
# into FIJI_DIR/jars/, skipping every library Fiji already ships (in any version) so that Fiji's own stay in
# charge. Builds the jar first if target/ has none. Restart Fiji afterwards: Plugins > SliceGAN.
set -euo pipefail
if [[ $# -ne 1 || ! -d "$1/jars" ]]; then
  echo "usage: $0 FIJI_DIR   (the Fiji.app folder, which holds jars/ and plugins/)" >&2
  exit 1
fi
fiji=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${SLICEGAN_JAR:-$(ls "$root"/target/SliceGAN_-*.jar 2>/dev/null | head -1 || true)}
lib=${SLICEGAN_LIB:-$root/target/lib}
if [[ -z "$jar" ]]; then
  (cd "$root" && mvn -q -B -DskipTests package)
  jar=$(ls "$root"/target/SliceGAN_-*.jar | head -1)
fi
mkdir -p "$fiji/plugins"
rm -f "$fiji"/plugins/SliceGAN_-*.jar
cp "$jar" "$fiji/plugins/"
echo "plugins/$(basename "$jar")"
# what Fiji ships, listed before we copy anything (our artifacts come in several jars: classifiers)
shipped=$(find "$fiji/jars" -name '*.jar' ! -path "*/SliceGAN*" -printf '%f\n' | sed -E 's/-[0-9].*$//' | sort -u)
copied=0 skipped=0
for f in "$lib"/*.jar; do
  name=$(basename "$f")
  # the artifact name: everything before the first "-<digit>" (the version)
  artifact=$(sed -E 's/-[0-9].*$//' <<<"$name")
  if grep -qxF "$artifact" <<<"$shipped"; then
    skipped=$((skipped + 1))
    continue
  fi
  cp "$f" "$fiji/jars/"
  echo "jars/$name"
  copied=$((copied + 1))
done
echo "Installed SliceGAN into $fiji: our jar, $copied libraries; $skipped already in Fiji. Restart Fiji."

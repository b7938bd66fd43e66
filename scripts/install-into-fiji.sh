#!/usr/bin/env bash
# Installs SliceGAN into a Fiji.app, or removes it:
#   install-into-fiji.sh FIJI_DIR [--platform current|all|linux-x86_64,windows-x86_64,macosx-x86_64,macosx-arm64]
#   install-into-fiji.sh --uninstall FIJI_DIR
# The plugin goes into plugins/, each library into jars/ (natives into Fiji's platform folders, jars/linux64 …),
# decided by Maven coordinates: a library Fiji already has at a version at least as new is kept; an older one that
# SliceGAN needs newer is moved aside and restored by --uninstall. It prints what it added, kept and replaced, and
# writes FIJI_DIR/.slicegan-install/manifest.tsv, from which --uninstall removes exactly what it added.
# Builds the plugin first if target/ has none (SLICEGAN_PLUGIN may name the jar or a classes folder instead).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage() {
  echo "usage: $0 FIJI_DIR [--platform current|all|PLATFORM,...]   or   $0 --uninstall FIJI_DIR" >&2
  exit 1
}
[[ $# -ge 1 ]] || usage
if [[ $1 == --uninstall ]]; then
  [[ $# -eq 2 ]] || usage
  classes=${SLICEGAN_PLUGIN:-$(ls "$root"/target/SliceGAN_-*[0-9T].jar 2>/dev/null | head -1 || echo "$root/target/classes")}
  exec java -cp "$classes" sc.fiji.slicegan.install.FijiInstaller uninstall "$2"
fi
fiji=$1
shift
platform=current
while [[ $# -gt 0 ]]; do
  case $1 in
    --platform) platform=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
plugin=${SLICEGAN_PLUGIN:-$(ls "$root"/target/SliceGAN_-*[0-9T].jar 2>/dev/null | head -1 || true)}
list=$root/target/slicegan-dependencies.txt
if [[ -z "$plugin" || ! -f "$list" ]]; then
  (cd "$root" && mvn -q -B -DskipTests package)
  plugin=$(ls "$root"/target/SliceGAN_-*[0-9T].jar | head -1)
fi
# the installer runs from the plugin itself (a jar or the classes folder)
exec java -cp "$plugin" sc.fiji.slicegan.install.FijiInstaller install "$fiji" --dependencies "$list" \
  --plugin "$plugin" --platform "$platform"

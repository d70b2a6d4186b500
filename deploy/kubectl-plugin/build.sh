#!/bin/sh
# Builds the kubectl plugin: palisade published self-contained as one file named kubectl-palisade, so that
# `kubectl palisade ...` works wherever kubectl does, with no .NET installed. Also packs the krew archive
# kubectl-palisade_OS_ARCH.tar.gz and its sha256 for deploy/krew/palisade.yaml.
#   usage: deploy/kubectl-plugin/build.sh OUTDIR [RID]     RID: linux-x64 (default), linux-arm64, osx-x64, osx-arm64
#   ARTIFACTS=DIR keeps the intermediate build outputs there instead of in src/*/bin and obj.
set -eu
out=$1
rid=${2:-linux-x64}
root=$(cd "$(dirname "$0")/../.." && pwd)
case $rid in
  linux-x64) platform=linux_amd64 ;;
  linux-arm64) platform=linux_arm64 ;;
  osx-x64) platform=darwin_amd64 ;;
  osx-arm64) platform=darwin_arm64 ;;
  *) echo "unsupported RID: $rid" >&2; exit 2 ;;
esac
mkdir -p "$out"
out=$(cd "$out" && pwd)
staging="$out/publish-$rid"
# The same publish as the Dockerfile's (precompiled, composite with the framework, not compressed: see there); the
# krew archive compresses it (about 71 MB).
dotnet publish "$root/src/Palisade.Cli" -c Release -r "$rid" --self-contained \
  -p:PublishSingleFile=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:DebugType=none \
  ${ARTIFACTS:+--artifacts-path "$ARTIFACTS"} -o "$staging" >&2
# Only the executable: SQLite's native library beside it serves `palisade serve`, which runs as a service (image,
# dotnet tool), not as a kubectl plugin; the analysis commands never load it.
mv "$staging/palisade" "$out/kubectl-palisade"
rm -rf "$staging"
archive="kubectl-palisade_$platform.tar.gz"
tar -czf "$out/$archive" -C "$out" kubectl-palisade
(cd "$out" && sha256sum "$archive" > "$archive.sha256")
echo "$out/kubectl-palisade"

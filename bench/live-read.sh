#!/bin/sh
# The live source against a file, for docs/performance.md: serves the synthetic cluster SIZE (default M: 10,001 pods,
# 1,000 policies) from the fake API server in a process of its own, then measures with /usr/bin/time (wall, user and
# system CPU, peak RSS):
#   1. the live read alone (bench live-read: LiveSource at page size 500, after one warm-up read);
#   2. palisade connectivity and lint -o json on the cluster (--kubeconfig) and on the same objects as one file.
#   usage: bench/live-read.sh [S|M|L]
set -eu
size=${1:-M}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/bench/Palisade.Benchmarks" >/dev/null
dotnet build -c Release "$root/src/Palisade.Cli" >/dev/null
bench="$root/bench/Palisade.Benchmarks/bin/Release/net10.0/Palisade.Benchmarks.dll"
palisade="$root/src/Palisade.Cli/bin/Release/net10.0/palisade.dll"

dotnet "$bench" yaml "$size" "$work/cluster.yaml"
mkfifo "$work/stop"
dotnet "$bench" live-serve "$size" "$work/kubeconfig" < "$work/stop" > "$work/serve.log" &
server=$!
exec 3> "$work/stop"    # the server serves while this end is open
until grep -q serving "$work/serve.log" 2>/dev/null; do sleep 1; done
cat "$work/serve.log"

dotnet "$bench" live-read "$work/kubeconfig" 500
for command in connectivity "lint -o json"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "file, $command: %e s wall, %U s user + %S s sys, %M KB peak RSS" dotnet "$palisade" $command "$work/cluster.yaml" > "$work/file.out"
  # shellcheck disable=SC2086
  /usr/bin/time -f "live, $command: %e s wall, %U s user + %S s sys, %M KB peak RSS" dotnet "$palisade" $command --kubeconfig "$work/kubeconfig" > "$work/live.out"
done
exec 3>&-
wait "$server"

#!/usr/bin/env bash
# Load test of `palisade serve` on loopback (docs/performance.md, "Service ingestion").
#   bench/serve-load.sh sqlite|postgres [nats] [serve-load options: --kind flows|audit --rate N --seconds S ...]
# Starts the Release build of palisade serve on a free port with a fresh store (a new SQLite file, or a new database
# on $PALISADE_TEST_POSTGRES) and, with "nats", ingestion through JetStream at $PALISADE_TEST_NATS (.ci/services.sh
# starts both), plus $SERVE_ARGS (say --queue-capacity 20000); runs the serve-load harness with the server's PID (peak RSS, CPU); stops the server by its PID.
# Build first: dotnet build -c Release src/Palisade.Cli && dotnet build -c Release bench/Palisade.Benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:?sqlite|postgres}; shift
queue=()
if [ "${1:-}" = nats ]; then queue=(--queue "${PALISADE_TEST_NATS:?source the env file of .ci/services.sh}/bench$$"); shift; fi
dir=$(mktemp -d)
case "$store" in
  sqlite) url="sqlite:$dir/palisade.db" ;;
  postgres)
    admin=${PALISADE_TEST_POSTGRES:?source the env file of .ci/services.sh}
    db="palisade_load_$$_$RANDOM"
    psql -q "$admin" -c "CREATE DATABASE $db" >/dev/null
    url="${admin%/*}/$db" ;;
  *) echo "usage: $0 sqlite|postgres [nats] [options]" >&2; exit 2 ;;
esac
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
dotnet src/Palisade.Cli/bin/Release/net10.0/palisade.dll serve --listen "127.0.0.1:$port" --insecure-no-auth --no-watch \
  --store "$url" --data-dir "$dir" "${queue[@]}" ${SERVE_ARGS:-} >"$dir/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
echo "store $store${queue:+ with ${queue[1]}}: palisade serve PID $pid on 127.0.0.1:$port"
dotnet bench/Palisade.Benchmarks/bin/Release/net10.0/Palisade.Benchmarks.dll serve-load "http://127.0.0.1:$port/" --pid "$pid" "$@"

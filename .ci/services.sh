#!/usr/bin/env bash
# PostgreSQL and nats-server (JetStream) for the server's tests, on loopback, as a dedicated non-root user, in DIR.
#   .ci/services.sh start DIR   installs them from Debian when missing, starts both on free ports, writes DIR/env
#                               (PALISADE_TEST_POSTGRES, PALISADE_TEST_NATS) and DIR/pids
#   .ci/services.sh stop DIR    stops what DIR/pids lists, by PID only
set -uo pipefail
cmd=${1:?start|stop}; dir=${2:?DIR}
user=palisade-svc

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
as_user() { if [ "$(id -u)" = 0 ]; then su -s /bin/sh "$user" -c "$1"; else sh -c "$1"; fi; }

stop() {
  [ -f "$dir/pids" ] || return 0
  while read -r pid; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
  done < "$dir/pids"
  for _ in $(seq 1 50); do
    alive=0
    while read -r pid; do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1; done < "$dir/pids"
    [ $alive = 0 ] && break
    sleep 0.2
  done
  while read -r pid; do [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; done < "$dir/pids"
  rm -f "$dir/pids"
}

start() {
  mkdir -p "$dir"
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  need=()
  [ -n "$pgbin" ] || need+=(postgresql)
  command -v nats-server >/dev/null || need+=(nats-server)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing from Debian: ${need[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/dev/null 2>&1 \
      || { echo "could not install ${need[*]}" >&2; return 1; }
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  if [ "$(id -u)" = 0 ] && ! id "$user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user" || return 1
  fi
  [ "$(id -u)" = 0 ] && chown "$user" "$dir" && chmod 700 "$dir"
  pg_port=$(free_port); nats_port=$(free_port)
  as_user "'$pgbin/initdb' -D '$dir/pg' -U palisade --auth=trust -E UTF8 >'$dir/initdb.log' 2>&1" || { cat "$dir/initdb.log" >&2; return 1; }
  as_user "'$pgbin/pg_ctl' -D '$dir/pg' -l '$dir/pg.log' -w -t 60 -o \"-p $pg_port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=200\" start >/dev/null" \
    || { cat "$dir/pg.log" >&2; return 1; }
  head -n 1 "$dir/pg/postmaster.pid" >> "$dir/pids"
  as_user "nats-server -js -a 127.0.0.1 -p $nats_port -sd '$dir/nats' -P '$dir/nats.pid' -l '$dir/nats.log' >/dev/null 2>&1 &"
  for _ in $(seq 1 100); do [ -s "$dir/nats.pid" ] && break; sleep 0.1; done
  [ -s "$dir/nats.pid" ] || { echo "nats-server did not start; see $dir/nats.log" >&2; return 1; }
  cat "$dir/nats.pid" >> "$dir/pids"; echo >> "$dir/pids"
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && break; sleep 0.1; done
  cat > "$dir/env" <<ENV
export PALISADE_TEST_POSTGRES=postgres://palisade@127.0.0.1:$pg_port/postgres
export PALISADE_TEST_NATS=nats://127.0.0.1:$nats_port
ENV
  echo "postgresql on 127.0.0.1:$pg_port, nats-server on 127.0.0.1:$nats_port"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac

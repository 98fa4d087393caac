#!/usr/bin/env bash
# A throw-away PostgreSQL cluster from Debian's packages (postgresql-15 by default), for running the
# database-backed tests against the server that production uses rather than the embedded one.
#
#   scripts/pg-cluster.sh run CMD [ARGS...]  start a cluster, run CMD with DATABASE_URL set, stop
#                                            and delete the cluster, exit with CMD's status
#   scripts/pg-cluster.sh start [DIR]        start one (in DIR, or a new temp dir) and print
#                                            DATABASE_URL=... and PGCLUSTER_DIR=... lines
#   scripts/pg-cluster.sh stop DIR           stop it and delete DIR
#
# e.g.  scripts/pg-cluster.sh run npx vitest run --project db
#
# The server listens on 127.0.0.1 only, on a free port, with its socket inside DIR; `trust`
# authentication for local and 127.0.0.1 connections; durability off (fsync), since it is thrown
# away. As root, initdb and the server run as the `postgres` OS user (postgresql-15 creates it).
# PGBIN picks another server build (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

log() { echo "pg-cluster: $*" >&2; }
die() {
  log "$*"
  exit 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start DIR: initdb into DIR/data and start the server; prints the port.
start_cluster() {
  local dir=$1
  [ -x "$PGBIN/initdb" ] || die "no $PGBIN/initdb: install postgresql-15 (node scripts/test-setup.mjs does)"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "no 'postgres' OS user: install postgresql-15"
    chown postgres: "$dir"
    chmod 700 "$dir"
  fi
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    {
      cat "$dir/initdb.log" >&2
      die "initdb failed"
    }
  # Trust only this machine's own connections.
  as_owner sh -c "cat > '$dir/data/pg_hba.conf'" <<'EOF'
local all all              trust
host  all all 127.0.0.1/32 trust
EOF
  local port attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      # pg_ctl -w has waited for "ready"; confirm over TCP as the tests will connect.
      local i
      for i in $(seq 1 50); do
        if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then
          echo "$port" >"$dir/port"
          echo "$port"
          return 0
        fi
        sleep 0.1
      done
      log "server started but not accepting connections on port $port"
    fi
    log "start attempt $attempt on port $port failed:"
    tail -n 20 "$dir/server.log" >&2 || true
    stop_server "$dir"
  done
  die "could not start PostgreSQL"
}

stop_server() {
  local dir=$1
  [ -f "$dir/data/postmaster.pid" ] || return 0
  if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
    # The server we started, by its own pid.
    local pid
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  fi
}

stop_cluster() {
  local dir=$1
  [ -d "$dir" ] || return 0
  stop_server "$dir"
  rm -rf "$dir"
}

url_for() { echo "postgres://postgres@127.0.0.1:$1/postgres"; }

cmd=${1:-}
case "$cmd" in
  start)
    dir=${2:-$(mktemp -d "${TMPDIR:-/tmp}/regulars-pg15-XXXXXX")}
    mkdir -p "$dir"
    port=$(start_cluster "$dir")
    echo "DATABASE_URL=$(url_for "$port")"
    echo "PGCLUSTER_DIR=$dir"
    log "stop it with: $0 stop $dir"
    ;;
  stop)
    [ -n "${2:-}" ] || die "usage: $0 stop DIR"
    [ -f "$2/data/PG_VERSION" ] || die "$2 is not a cluster made by this script"
    stop_cluster "$2"
    ;;
  run)
    shift
    [ $# -gt 0 ] || die "usage: $0 run CMD [ARGS...]"
    dir=$(mktemp -d "${TMPDIR:-/tmp}/regulars-pg15-XXXXXX")
    trap 'stop_cluster "$dir"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    started=${EPOCHREALTIME/./}
    port=$(start_cluster "$dir")
    ms=$(((${EPOCHREALTIME/./} - started) / 1000))
    log "$("$PGBIN/postgres" --version) on 127.0.0.1:$port, ready in ${ms} ms"
    status=0
    DATABASE_URL=$(url_for "$port") "$@" || status=$?
    exit "$status"
    ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac

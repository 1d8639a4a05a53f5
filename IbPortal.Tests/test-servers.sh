#!/usr/bin/env bash
# Starts and stops the PostgreSQL and Redis servers the tests use, on loopback ports, with throw-away data.
#
#   eval "$(IbPortal.Tests/test-servers.sh start)"   # prints the IBPORTAL_TEST_* exports for the tests
#   IbPortal.Tests/test-servers.sh stop
#
# It does not install anything: ./test.sh installs the Debian packages (postgresql, redis-server) first.
# Ports: IBPORTAL_TEST_PG_PORT (55432) and IBPORTAL_TEST_REDIS_PORT (56379). The servers trust loopback
# connections only and keep their data under ${TMPDIR:-/tmp}/ibportal-test-servers, which `stop` removes.
set -euo pipefail

PG_PORT="${IBPORTAL_TEST_PG_PORT:-55432}"
REDIS_PORT="${IBPORTAL_TEST_REDIS_PORT:-56379}"
STATE="${IBPORTAL_TEST_SERVERS_STATE:-}"

set_state() {
  PG_DATA="$STATE/pg"
  REDIS_DIR="$STATE/redis"
}

say() { printf '==> %s\n' "$*" >&2; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$dir" && -x "$dir/pg_ctl" ]] || return 1
  echo "$dir"
}

as_postgres() {
  # initdb and postgres refuse to run as root.
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local bin
  if ! bin="$(pg_bin)"; then
    say "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl)."
    return 1
  fi
  if port_in_use "$PG_PORT"; then
    say "Port $PG_PORT is already in use: stop what listens there, or set IBPORTAL_TEST_PG_PORT."
    return 1
  fi
  mkdir -p "$PG_DATA"
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres:postgres "$PG_DATA"
    chmod 755 "$STATE"
  fi
  as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$STATE/pg-initdb.log" 2>&1 \
    || { cat "$STATE/pg-initdb.log" >&2; return 1; }
  # Throw-away data: no fsync, so the tests' many small databases are cheap.
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null \
    || { cat "$PG_DATA/server.log" >&2; return 1; }
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
  echo "export IBPORTAL_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true'"
}

stop_postgres() {
  local bin
  bin="$(pg_bin)" || return 0
  if [[ -f "$PG_DATA/postmaster.pid" ]]; then
    as_postgres "$bin/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    say "Redis is not installed (no redis-server)."
    return 1
  fi
  if port_in_use "$REDIS_PORT"; then
    say "Port $REDIS_PORT is already in use: stop what listens there, or set IBPORTAL_TEST_REDIS_PORT."
    return 1
  fi
  mkdir -p "$REDIS_DIR"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" >/dev/null
  local i
  for i in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
      say "Redis $(redis-server --version | grep -oE 'v=[0-9.]+' | cut -c3-) on 127.0.0.1:$REDIS_PORT"
      echo "export IBPORTAL_TEST_REDIS='127.0.0.1:$REDIS_PORT'"
      echo "export IBPORTAL_TEST_REDIS_SERVER='$(command -v redis-server)'"
      return 0
    fi
    sleep 0.1
  done
  cat "$REDIS_DIR/redis.log" >&2 || true
  return 1
}

stop_redis() {
  if [[ -f "$REDIS_DIR/redis.pid" ]]; then
    local pid i
    pid="$(cat "$REDIS_DIR/redis.pid")"
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    rm -f "$REDIS_DIR/redis.pid"
  fi
}

case "${1:-}" in
  start)
    STATE="$(mktemp -d "${TMPDIR:-/tmp}/ibportal-test-servers.XXXXXX")"
    set_state
    echo "export IBPORTAL_TEST_SERVERS_STATE='$STATE'"
    rc=0
    start_postgres || rc=1
    start_redis || rc=1
    exit $rc
    ;;
  stop)
    if [[ -z "$STATE" || ! -d "$STATE" ]]; then
      say "Nothing to stop: IBPORTAL_TEST_SERVERS_STATE is not set (start prints it)."
      exit 0
    fi
    set_state
    stop_postgres
    stop_redis
    rm -rf "$STATE"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac

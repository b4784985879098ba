#!/usr/bin/env bash
# A throwaway PostgreSQL server from Debian's packages, for running the suite against a server.
#
#   eval "$(bash scripts/test_postgres.sh start DIR)"   # prints: export BILATERAL_TEST_PG=...
#   .venv/bin/pytest -q                                 # store tests now run on both backends
#   bash scripts/test_postgres.sh stop DIR
#
# The cluster lives in DIR (created if missing), listens on localhost at a free port, trusts
# local connections and holds a database `bilateral_test` owned by the user `bilateral`.
# As root, the server runs as the `postgres` user that the Debian package creates.
set -euo pipefail
action=${1:?start or stop}
dir=$(realpath -m "${2:?a folder for the cluster}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ ! -x "$bin/initdb" ]; then
  echo "no PostgreSQL server found: apt-get install postgresql" >&2
  exit 1
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case $action in
start)
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1)
  if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'bilateral'")" ]; then
    "${psql[@]}" -c "CREATE ROLE bilateral LOGIN PASSWORD 'bilateral'"
  fi
  if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'bilateral_test'")" ]; then
    "${psql[@]}" -c "CREATE DATABASE bilateral_test OWNER bilateral"
  fi
  echo "export BILATERAL_TEST_PG=postgresql://bilateral:bilateral@127.0.0.1:$port/bilateral_test"
  ;;
stop)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac

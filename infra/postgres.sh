#!/usr/bin/env bash
# The machine's PostgreSQL (Debian cluster, driven by pg_ctlcluster; no systemd needed), with the nixproc role
# (password nixproc, CREATEDB so tests can make databases of their own) and its databases.
#   infra/postgres.sh start|stop|restart|status|env
# NIXPROC_PG_CLUSTER picks a cluster as "VERSION/NAME" (default: the first one pg_lsclusters lists).
# Every action is idempotent. `env` prints the NIXPROC_* exports that point services and tests at it.
set -euo pipefail
DATABASES="nixproc nixproc_test"

if ! command -v pg_lsclusters >/dev/null; then
  echo "postgres: PostgreSQL is not installed; install it with: apt-get install -y postgresql" >&2
  exit 1
fi

cluster=${NIXPROC_PG_CLUSTER:-$(pg_lsclusters -h | awk 'NR==1 {print $1 "/" $2}')}
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  echo "postgres: no cluster yet; creating $version/main"
  pg_createcluster "$version" main >/dev/null
  cluster=$version/main
fi
version=${cluster%/*}
name=${cluster#*/}
port=$(pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1==v && $2==n {print $3}')

psql_admin() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -tAq $*"; }

online() { pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1==v && $2==n {print $4}' | grep -q online; }

start() {
  if online; then
    echo "postgres: cluster $cluster already online on port $port"
  else
    pg_ctlcluster "$version" "$name" start
    echo "postgres: cluster $cluster started on port $port"
  fi
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p "$port" || { echo "postgres: not accepting connections on 127.0.0.1:$port" >&2; exit 1; }
  if [ -z "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = 'nixproc'\"")" ]; then
    psql_admin "-c \"CREATE ROLE nixproc LOGIN CREATEDB PASSWORD 'nixproc'\""
    echo "postgres: created role nixproc"
  fi
  for db in $DATABASES; do
    if [ -z "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$db'\"")" ]; then
      psql_admin "-c \"CREATE DATABASE $db OWNER nixproc\""
      echo "postgres: created database $db"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) if online; then pg_ctlcluster "$version" "$name" stop; echo "postgres: cluster $cluster stopped"; else echo "postgres: not running"; fi ;;
  restart) if online; then pg_ctlcluster "$version" "$name" stop; fi; start ;;
  status) if online; then echo "postgres: cluster $cluster online on port $port"; else echo "postgres: cluster $cluster down"; exit 3; fi ;;
  env)
    cat <<ENV
export NIXPROC_DB_URL=jdbc:postgresql://127.0.0.1:$port/nixproc NIXPROC_DB_USER=nixproc NIXPROC_DB_PASSWORD=nixproc
export NIXPROC_TEST_DB_URL=jdbc:postgresql://127.0.0.1:$port/nixproc_test NIXPROC_TEST_DB_USER=nixproc NIXPROC_TEST_DB_PASSWORD=nixproc
ENV
    ;;
  *) echo "usage: $0 start|stop|restart|status|env" >&2; exit 2 ;;
esac

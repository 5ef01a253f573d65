#!/usr/bin/env bash
# The machine's PostgreSQL (Debian cluster, driven by pg_ctlcluster; no systemd needed): database nixproc with one
# role per service (postgres/roles.sql: nixproc_ids, nixproc_models, nixproc_coordinator, each owning its schema and
# unable to read the others'; random passwords kept 0600 in $NIXPROC_INFRA_DIR/postgres/), and for the tests role
# nixproc (password nixproc, CREATEDB so tests can make databases of their own) with database nixproc_test.
#   infra/postgres.sh start|stop|restart|status|env [id-service|model-service|coordinator]
# NIXPROC_PG_CLUSTER picks a cluster as "VERSION/NAME" (default: the first one pg_lsclusters lists).
# Every action is idempotent. `env` prints the NIXPROC_TEST_* exports that point the tests at it; `env SERVICE` the
# NIXPROC_DB_* exports of that service's own role.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
secrets=${NIXPROC_INFRA_DIR:-$here/run}/postgres
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

# a service role's password, made once; never on a command line
password() {
  local file=$secrets/$1.password
  if [ ! -s "$file" ]; then
    mkdir -p "$secrets"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

roles() {
  { printf '\\set ids_password %s\n\\set models_password %s\n\\set coordinator_password %s\n' \
      "$(password nixproc_ids)" "$(password nixproc_models)" "$(password nixproc_coordinator)"
    cat "$here/postgres/roles.sql"; } | su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q -d nixproc -f -" >/dev/null
  echo "postgres: roles nixproc_ids, nixproc_models, nixproc_coordinator own schemas ids, models, coordinator"
}

role_of() {
  case "$1" in
    id-service) echo nixproc_ids ;;
    model-service) echo nixproc_models ;;
    coordinator) echo nixproc_coordinator ;;
    *) echo "postgres: env: unknown service '$1' (id-service, model-service or coordinator)" >&2; exit 2 ;;
  esac
}

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
  roles
}

case "${1:-}" in
  start) start ;;
  stop) if online; then pg_ctlcluster "$version" "$name" stop; echo "postgres: cluster $cluster stopped"; else echo "postgres: not running"; fi ;;
  restart) if online; then pg_ctlcluster "$version" "$name" stop; fi; start ;;
  status) if online; then echo "postgres: cluster $cluster online on port $port"; else echo "postgres: cluster $cluster down"; exit 3; fi ;;
  env)
    if [ -n "${2:-}" ]; then
      role=$(role_of "$2")
      [ -s "$secrets/$role.password" ] || { echo "postgres: no role $role yet; run $0 start first" >&2; exit 1; }
      echo "export NIXPROC_DB_URL=jdbc:postgresql://127.0.0.1:$port/nixproc NIXPROC_DB_USER=$role NIXPROC_DB_PASSWORD=$(cat "$secrets/$role.password")"
    else
      cat <<ENV
export NIXPROC_TEST_DB_URL=jdbc:postgresql://127.0.0.1:$port/nixproc_test NIXPROC_TEST_DB_USER=nixproc NIXPROC_TEST_DB_PASSWORD=nixproc
ENV
    fi
    ;;
  *) echo "usage: $0 start|stop|restart|status|env [id-service|model-service|coordinator]" >&2; exit 2 ;;
esac

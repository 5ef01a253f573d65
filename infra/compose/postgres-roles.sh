#!/bin/sh
# Run by the postgres image on its first start (/docker-entrypoint-initdb.d): one role per nixproc service, each
# owning its schema (infra/postgres/roles.sql), with the passwords init-secrets made. For a database made before
# this script existed, run it once by hand: docker-compose exec postgres sh /docker-entrypoint-initdb.d/10-nixproc-roles.sh
set -eu
{
  for service in ids models coordinator; do
    printf '\\set %s_password %s\n' "$service" "$(cat "/run/nixproc-secrets/nixproc_$service.password")"
  done
  cat /nixproc/roles.sql
} | psql -v ON_ERROR_STOP=1 -q --username "${POSTGRES_USER:-nixproc}" --dbname "${POSTGRES_DB:-nixproc}" -f -

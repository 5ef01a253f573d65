#!/bin/sh
# The compose ensemble's secrets, made once (random hex, 0600) into the volume of each part that reads them, so
# that no password is written in docker-compose.yml or passed in an environment variable:
#   /secrets/<service>/db.password       the service's own database role (infra/postgres/roles.sql)
#   /secrets/postgres/*.password         the superuser's, and a copy of each role's for the roles script
# Run by the init-secrets service before anything else starts; running it again changes nothing.
set -eu

secret() {
  if [ ! -s "$1" ]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$1")
  fi
}

# the postgres image's server runs as uid 999
secret /secrets/postgres/postgres.password
chown 999 /secrets/postgres/postgres.password
for service in ids models coordinator; do
  secret "/secrets/$service/db.password"
  cp "/secrets/$service/db.password" "/secrets/postgres/nixproc_$service.password"
  chown 999 "/secrets/postgres/nixproc_$service.password"
  chmod 600 "/secrets/postgres/nixproc_$service.password"
done
echo "init-secrets: secrets in place"

#!/bin/sh
# The compose ensemble's secrets, made once (random hex, 0600) into the volume of each part that reads them, so
# that no password is written in docker-compose.yml or passed in an environment variable:
#   /secrets/<service>/db.password       the service's own database role (infra/postgres/roles.sql)
#   /secrets/postgres/*.password         the superuser's, and a copy of each role's for the roles script
#   /secrets/<part>/kafka.password       the part's own broker user (coordinator, id-service, model-service,
#                                        agent-test1, agent-test2; infra/kafka/acls.txt says what each may do)
#   /secrets/kafka/*.password            the broker's admin and controller, and a copy of each user's
#   /secrets/admin/admin.token           the services' bootstrap admin token (64 hex characters), the operator's too:
#                                        docker-compose run --rm --entrypoint cat init-secrets /secrets/admin/admin.token
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
if [ ! -s /secrets/admin/admin.token ]; then
  (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > /secrets/admin/admin.token)
fi
secret /secrets/kafka/admin.password
secret /secrets/kafka/controller.password
for part in coordinator:coordinator ids:id-service models:model-service agent-test1:agent-test1 agent-test2:agent-test2; do
  volume=${part%%:*}
  user=${part#*:}
  secret "/secrets/$volume/kafka.password"
  cp "/secrets/$volume/kafka.password" "/secrets/kafka/$user.kafka.password"
done
chmod 600 /secrets/kafka/*
echo "init-secrets: secrets in place"

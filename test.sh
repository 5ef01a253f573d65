#!/usr/bin/env bash
# The test command: installs what the tests use (infra/packages.txt), checks docker-compose.yml, runs every
# module's tests. Integration tests get PostgreSQL and Kafka from NIXPROC_TEST_* variables when set (.ci/run sets
# them to the services infra/ starts), else from Testcontainers, else embedded: nothing else needs to be running.
# Extra arguments go to Maven, e.g. ./test.sh -pl process-backends -am
set -euo pipefail
cd "$(dirname "$0")"

infra/install-prerequisites.sh

if command -v docker-compose >/dev/null; then
  docker-compose -f docker-compose.yml config -q
  echo "compose: docker-compose.yml is valid"
else
  echo "compose: docker-compose is missing (apt-get install docker-compose); cannot check docker-compose.yml" >&2
  exit 1
fi

status=0
./mvnw -B -ntp -Dstyle.color=never install "$@" || status=$?

# which PostgreSQL and Kafka the integration tests ran against
grep -h "^integration services:" ./*/target/surefire-reports/*-output.txt 2>/dev/null | sed 's/ at .*//' | sort | uniq -c || true
exit $status

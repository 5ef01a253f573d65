#!/bin/sh
# Once the compose broker answers: the topics of infra/kafka/topics.txt, a SCRAM user per part whose password
# init-secrets made (coordinator, id-service, model-service, agent-test1, agent-test2), and the permissions of
# infra/kafka/acls.txt. Runs as the admin user; every step may run again.
set -eu
secrets=/run/nixproc-secrets
bin=/opt/kafka/bin
admin=/tmp/admin.properties
(umask 077 && cat > "$admin" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat "$secrets/admin.password")";
PROPS
)
kafka() { "$@" --bootstrap-server kafka:9092 --command-config "$admin"; }

until kafka "$bin/kafka-topics.sh" --list >/dev/null 2>&1; do sleep 1; done
grep -v '^#' /nixproc/topics.txt | while read -r topic partitions; do
  [ -n "$topic" ] && kafka "$bin/kafka-topics.sh" --create --if-not-exists --topic "$topic" --partitions "$partitions"
done
targets=""
for file in "$secrets"/*.kafka.password; do
  user=$(basename "$file" .kafka.password)
  case "$user" in agent-*) targets="$targets ${user#agent-}" ;; esac
  kafka "$bin/kafka-configs.sh" --alter --entity-type users --entity-name "$user" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "$file")]"
done
grep -v '^#' /nixproc/acls.txt | while read -r principal type pattern name operations; do
  [ -n "$principal" ] || continue
  case "$principal" in *'{target}'*) each=$targets ;; *) each=- ;; esac
  for target in $each; do
    p=$(echo "$principal" | sed "s/{target}/$target/g")
    n=$(echo "$name" | sed "s/{target}/$target/g")
    case "$type" in
      TOPIC) resource="--topic $n" ;;
      GROUP) resource="--group $n" ;;
      CLUSTER) resource="--cluster" ;;
    esac
    ops=""
    for op in $(echo "$operations" | tr ',' ' '); do
      case "$op" in
        READ) op=Read ;; WRITE) op=Write ;; CREATE) op=Create ;; DESCRIBE) op=Describe ;;
        DESCRIBE_CONFIGS) op=DescribeConfigs ;; ALL) op=All ;;
      esac
      ops="$ops --operation $op"
    done
    # shellcheck disable=SC2086
    kafka "$bin/kafka-acls.sh" --add --allow-principal "User:$p" --resource-pattern-type "$(echo "$pattern" | tr '[:upper:]' '[:lower:]')" $resource $ops >/dev/null
  done
done
echo "kafka-setup: topics, users and permissions in place"

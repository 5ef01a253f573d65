#!/usr/bin/env bash
# A real standalone Kafka broker (KRaft, combined broker+controller) as its own OS process.
#   infra/kafka.sh start|stop|restart|status|kill|env USER
# NIXPROC_KAFKA_PORT (default 9092) and NIXPROC_KAFKA_CONTROLLER_PORT (default port+1) choose the ports;
# NIXPROC_INFRA_DIR (default infra/run) holds the data dir, log and PID file. Every action is idempotent.
# NIXPROC_KAFKA_SASL=on (when the data dir is first formatted) turns authentication on: SASL/SCRAM-SHA-512, a user
# per service and per agent of NIXPROC_KAFKA_AGENTS ("test1 test2"), passwords 0600 in <run>/credentials/, the
# permissions of kafka/acls.txt; `env coordinator` (or id-service, model-service, agent-TARGET) prints the
# NIXPROC_KAFKA_* exports of that user. Off by default: the tests' brokers take anyone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
port=${NIXPROC_KAFKA_PORT:-9092}
cport=${NIXPROC_KAFKA_CONTROLLER_PORT:-$((port + 1))}
run=${NIXPROC_INFRA_DIR:-$here/run}/kafka-$port
pidfile=$run/broker.pid
log=$run/broker.log
credentials=$run/credentials

# SASL once the data dir was formatted with it; else as NIXPROC_KAFKA_SASL asks for a new one
sasl() { [ -f "$run/authenticated" ] || { [ ! -f "$run/data/meta.properties" ] && [ "${NIXPROC_KAFKA_SASL:-off}" = on ]; }; }

secret() {
  local file=$credentials/$1.password
  if [ ! -s "$file" ]; then
    mkdir -p "$credentials"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

classpath() {
  if [ ! -s "$run/cp.txt" ]; then
    echo "kafka: resolving the broker's jars from Maven Central (once)" >&2
    "$repo/mvnw" -B -q -f "$here/kafka/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$run/cp.txt" -Dmdep.includeScope=runtime
  fi
  cat "$run/cp.txt"
}

create_topics() {
  # kafka_2.13 brings the admin client; a one-file Java program (JEP 330) creates what is missing, and with
  # authentication on the users and their permissions
  local extra=()
  if sasl; then
    for user in admin coordinator id-service model-service; do secret "$user" >/dev/null; done
    for target in ${NIXPROC_KAFKA_AGENTS:-}; do secret "agent-$target" >/dev/null; done
    extra=("$here/kafka/acls.txt" "$credentials")
  fi
  java -cp "$(classpath)" -Dlog4j2.configurationFile="$here/kafka/log4j2.properties" -Dlog4j2.level=warn \
    "$here/kafka/Setup.java" "127.0.0.1:$port" "$here/kafka/topics.txt" "${extra[@]}" 2>&1 | grep -v ' INFO \| WARN ' || true
}

start() {
  mkdir -p "$run"
  if running && port_open; then echo "kafka: already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; return 0; fi
  if port_open; then echo "kafka: port $port is taken by another process; choose NIXPROC_KAFKA_PORT" >&2; return 1; fi
  local cp; cp=$(classpath)
  local authenticated=no
  if sasl; then authenticated=yes; fi
  (umask 077 && : > "$run/server.properties")
  if [ "$authenticated" = yes ]; then
    cat > "$run/server.properties" <<PROPS
listeners=BROKER://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=BROKER://127.0.0.1:$port
inter.broker.listener.name=BROKER
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(secret admin)";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="$(secret controller)" user_controller="$(secret controller)";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:controller
allow.everyone.if.no.acl.found=false
PROPS
  else
    cat > "$run/server.properties" <<PROPS
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
PROPS
  fi
  cat >> "$run/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
controller.listener.names=CONTROLLER
log.dirs=$run/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  local l4j=-Dlog4j2.configurationFile=$here/kafka/log4j2.properties
  if [ ! -f "$run/data/meta.properties" ]; then
    local cid; cid=$(java -cp "$cp" "$l4j" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    local scram=()
    if [ "$authenticated" = yes ]; then scram=(--add-scram "SCRAM-SHA-512=[name=admin,password=$(secret admin)]"); fi
    java -cp "$cp" "$l4j" kafka.tools.StorageTool format --ignore-formatted -t "$cid" -c "$run/server.properties" "${scram[@]}" >"$run/format.log" 2>&1 \
      || { echo "kafka: formatting $run/data failed:" >&2; cat "$run/format.log" >&2; return 1; }
    if [ "$authenticated" = yes ]; then echo "SASL/SCRAM-SHA-512" > "$run/authenticated"; fi
  fi
  setsid nohup java -Xms256m -Xmx512m -cp "$cp" "$l4j" kafka.Kafka "$run/server.properties" >>"$log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do
    if port_open && grep -q "Kafka Server started" "$log"; then
      echo "kafka: started on 127.0.0.1:$port (pid $(cat "$pidfile"), log $log)"
      create_topics
      return 0
    fi
    running || { echo "kafka: the broker exited during start-up; last lines of $log:" >&2; tail -n 20 "$log" >&2; return 1; }
    sleep 0.5
  done
  echo "kafka: not listening on 127.0.0.1:$port after 60 s; see $log" >&2
  return 1
}

stop() {
  local signal=${1:-TERM}
  if ! running; then echo "kafka: not running"; rm -f "$pidfile"; return 0; fi
  local pid; pid=$(cat "$pidfile")
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  echo "kafka: stopped (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop TERM ;;
  kill) stop KILL ;;
  restart) stop TERM; start ;;
  status) if running && port_open; then echo "kafka: running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; else echo "kafka: not running"; exit 3; fi ;;
  env)
    user=${2:?usage: $0 env coordinator|id-service|model-service|agent-TARGET}
    [ -s "$credentials/$user.password" ] || { echo "kafka: no user $user (authentication off, or not started)" >&2; exit 1; }
    echo "export NIXPROC_KAFKA_BOOTSTRAP=127.0.0.1:$port NIXPROC_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT NIXPROC_KAFKA_USER=$user NIXPROC_KAFKA_PASSWORD_FILE=$credentials/$user.password"
    ;;
  *) echo "usage: $0 start|stop|restart|status|kill|env USER" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A real standalone Kafka broker (KRaft, combined broker+controller) as its own OS process.
#   infra/kafka.sh start|stop|restart|status|kill
# NIXPROC_KAFKA_PORT (default 9092) and NIXPROC_KAFKA_CONTROLLER_PORT (default port+1) choose the ports;
# NIXPROC_INFRA_DIR (default infra/run) holds the data dir, log and PID file. Every action is idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
port=${NIXPROC_KAFKA_PORT:-9092}
cport=${NIXPROC_KAFKA_CONTROLLER_PORT:-$((port + 1))}
run=${NIXPROC_INFRA_DIR:-$here/run}/kafka-$port
pidfile=$run/broker.pid
log=$run/broker.log

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
  # kafka_2.13 brings the admin client; a one-class Java program (JEP 330) creates what is missing
  local tmp; tmp=$(mktemp -d)
  cat > "$tmp/CreateTopics.java" <<'JAVA'
import java.nio.file.*; import java.util.*; import org.apache.kafka.clients.admin.*;
public class CreateTopics { public static void main(String[] a) throws Exception {
  try (Admin admin = Admin.create(Map.of("bootstrap.servers", a[0]))) {
    Set<String> have = admin.listTopics().names().get(); List<NewTopic> add = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(a[1]))) { line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) continue; String[] f = line.split("\\s+");
      if (!have.contains(f[0])) add.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1)); }
    admin.createTopics(add).all().get(); System.out.println("kafka: created " + add.size() + " topic(s)"); } } }
JAVA
  java -cp "$(classpath)" -Dlog4j2.configurationFile="$here/kafka/log4j2.properties" -Dlog4j2.level=warn \
    "$tmp/CreateTopics.java" "127.0.0.1:$port" "$here/kafka/topics.txt" 2>&1 | grep -v ' INFO \| WARN ' || true
  rm -rf "$tmp"
}

start() {
  mkdir -p "$run"
  if running && port_open; then echo "kafka: already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; return 0; fi
  if port_open; then echo "kafka: port $port is taken by another process; choose NIXPROC_KAFKA_PORT" >&2; return 1; fi
  local cp; cp=$(classpath)
  cat > "$run/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
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
    java -cp "$cp" "$l4j" kafka.tools.StorageTool format --ignore-formatted -t "$cid" -c "$run/server.properties" >"$run/format.log" 2>&1 \
      || { echo "kafka: formatting $run/data failed:" >&2; cat "$run/format.log" >&2; return 1; }
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
  *) echo "usage: $0 start|stop|restart|status|kill" >&2; exit 2 ;;
esac

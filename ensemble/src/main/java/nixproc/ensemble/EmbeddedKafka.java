package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker of the ensemble's own: KRaft, broker and controller in one JVM ({@code kafka.Kafka} from this JVM's
 * class path), its log in {@code <stateDir>/kafka/data} (kept, so that a second {@code up} resumes), listening on
 * 127.0.0.1 only. Also creates the topics nixproc uses, with the partitions {@code infra/kafka/topics.txt} gives.
 */
final class EmbeddedKafka {

	private final Path dir;

	private final int port;

	private final int controllerPort;

	private final Path logs;

	private final Installation installation;

	EmbeddedKafka(Path stateDir, int port, int controllerPort, Path logs, Installation installation) {
		this.dir = stateDir.resolve("kafka");
		this.port = port;
		this.controllerPort = controllerPort;
		this.logs = logs;
		this.installation = installation;
	}

	String bootstrap() {
		return "127.0.0.1:" + port;
	}

	ChildProcess start(Path pids) {
		Path properties = dir.resolve("server.properties");
		try {
			Files.createDirectories(dir);
			Files.writeString(properties, """
					process.roles=broker,controller
					node.id=1
					controller.quorum.voters=1@127.0.0.1:%2$d
					listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
					advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
					controller.listener.names=CONTROLLER
					inter.broker.listener.name=PLAINTEXT
					listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
					log.dirs=%3$s
					num.partitions=1
					offsets.topic.replication.factor=1
					transaction.state.log.replication.factor=1
					transaction.state.log.min.isr=1
					share.coordinator.state.topic.replication.factor=1
					share.coordinator.state.topic.min.isr=1
					group.initial.rebalance.delay.ms=0
					auto.create.topics.enable=true
					# the log cleaner's dedupe buffer is 128 MiB by default, of heap; compacted topics here are small
					log.cleaner.dedupe.buffer.size=8388608
					""".formatted(port, controllerPort, dir.resolve("data")));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write " + properties, e);
		}
		if (!Files.isRegularFile(dir.resolve("data/meta.properties"))) {
			format(properties);
		}
		return ChildProcess.start("kafka", java("kafka.Kafka", properties.toString()), Map.of(), List.of(), dir,
				logs.resolve("kafka.log"), pids.resolve("kafka"));
	}

	/** Waits until the broker answers as a cluster of one, then creates the topics that are missing. */
	void awaitReady(ChildProcess broker, long deadline) {
		RuntimeException last = null;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
				AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200))) {
			while (System.nanoTime() < deadline) {
				if (!broker.alive()) {
					throw new EnsembleException("Kafka exited with " + broker.exitCode().orElse(-1)
							+ " while starting; last lines of " + broker.log() + ":\n" + broker.tail(30));
				}
				try {
					admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
					Set<String> have = admin.listTopics().names().get(5, TimeUnit.SECONDS);
					List<NewTopic> missing = topics().stream().filter(t -> !have.contains(t.name())).toList();
					admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
					return;
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
					last = new RuntimeException(e.getCause() == null ? e : e.getCause());
					Ensemble.sleep(Duration.ofMillis(200));
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new EnsembleException("interrupted while waiting for Kafka");
				}
			}
		}
		throw new EnsembleException("Kafka did not answer on " + bootstrap() + " in time ("
				+ (last == null ? "" : last.getMessage()) + "); last lines of " + broker.log() + ":\n" + broker.tail(30));
	}

	/** {@code infra/kafka/topics.txt}: one {@code NAME PARTITIONS} per line. */
	List<NewTopic> topics() {
		Path file = installation.home().resolve("infra/kafka/topics.txt");
		try {
			List<NewTopic> topics = new ArrayList<>();
			for (String line : Files.readAllLines(file)) {
				String text = line.strip();
				if (text.isEmpty() || text.startsWith("#")) {
					continue;
				}
				String[] fields = text.split("\\s+");
				topics.add(new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1));
			}
			return topics;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the topic list " + file, e);
		}
	}

	private void format(Path properties) {
		List<String> command = java("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t",
				Uuid.randomUuid().toString(), "-c", properties.toString());
		Path log = logs.resolve("kafka-format.log");
		try {
			Files.createDirectories(logs);
			Process format = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!format.waitFor(120, TimeUnit.SECONDS)) {
				format.destroyForcibly();
				throw new EnsembleException("formatting Kafka's log directory did not finish in 120 s; see " + log);
			}
			if (format.exitValue() != 0) {
				throw new EnsembleException("formatting Kafka's log directory failed with " + format.exitValue()
						+ ":\n" + ChildProcess.tail(log, 20));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot format Kafka's log directory", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EnsembleException("interrupted while formatting Kafka's log directory");
		}
	}

	/**
	 * A JVM of this class path running {@code main}: a heap for one broker of a small network, and quiet logs
	 * (the broker logs through SLF4J, which is slf4j-simple on this class path).
	 */
	private List<String> java(String main, String... args) {
		List<String> command = new ArrayList<>(List.of(Installation.java().toString(), "-Xms32m", "-Xmx160m",
				"-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=25", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Xss512k",
				"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true",
				"-cp", installation.classPath(), main));
		command.addAll(List.of(args));
		return command;
	}

}

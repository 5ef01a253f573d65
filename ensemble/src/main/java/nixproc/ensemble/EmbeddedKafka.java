package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker of the ensemble's own: KRaft, broker and controller in one JVM ({@code kafka.Kafka} from this JVM's
 * class path), its log in {@code <stateDir>/kafka/data} (kept, so that a second {@code up} resumes), listening on
 * 127.0.0.1 only. Also creates the topics nixproc uses, with the partitions {@code infra/kafka/topics.txt} gives.
 *
 * <p>Clients authenticate (issue 17): SASL/SCRAM-SHA-512 on the broker's listener, each part with a user of its own
 * ({@code coordinator}, {@code id-service}, {@code model-service}, {@code agent-<target>}) and a password kept 0600 in
 * {@code <stateDir>/kafka/credentials/}, allowed only what {@code infra/kafka/acls.txt} lists; {@code admin} (this
 * class's own, to make the users and ACLs) is the only super user besides the controller, whose listener takes
 * SASL/PLAIN. A client without credentials is refused. A log made before authentication existed is moved aside and a
 * new one formatted (the coordinator's outbox sends what was in flight again).
 */
final class EmbeddedKafka {

	static final String ADMIN = "admin";

	private static final String CONTROLLER = "controller";

	/** The services' users; agents are {@code agent-<target>}. */
	static final List<String> SERVICES = List.of("coordinator", "id-service", "model-service");

	private final Path dir;

	private final int port;

	private final int controllerPort;

	private final Path logs;

	private final Installation installation;

	private final List<String> targets;

	private final Consumer<String> say;

	EmbeddedKafka(Path stateDir, int port, int controllerPort, Path logs, Installation installation,
			List<String> targets, Consumer<String> say) {
		this.dir = stateDir.resolve("kafka");
		this.port = port;
		this.controllerPort = controllerPort;
		this.logs = logs;
		this.installation = installation;
		this.targets = List.copyOf(targets);
		this.say = say;
	}

	String bootstrap() {
		return "127.0.0.1:" + port;
	}

	static String agent(String target) {
		return "agent-" + target;
	}

	/** The file holding the password of a user of the broker (made 0600 on first use). */
	Path passwordFile(String user) {
		Path file = dir.resolve("credentials").resolve(user + ".password");
		Secrets.readOrCreate(file, 24);
		return file;
	}

	private String password(String user) {
		return Secrets.readOrCreate(passwordFile(user), 24);
	}

	/** The environment that makes a service authenticate as {@code user} ({@code NIXPROC_KAFKA_*}). */
	Map<String, String> serviceEnvironment(String user) {
		return Map.of("NIXPROC_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "NIXPROC_KAFKA_USER", user,
				"NIXPROC_KAFKA_PASSWORD_FILE", passwordFile(user).toString());
	}

	ChildProcess start(Path pids) {
		Path properties = dir.resolve("server.properties");
		Path data = dir.resolve("data");
		Path authenticated = dir.resolve("authenticated");
		try {
			Files.createDirectories(dir);
			String controller = password(CONTROLLER);
			String admin = password(ADMIN);
			Files.deleteIfExists(properties);
			// it holds the controller's and admin's passwords
			Files.createFile(properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
					"rw-------")));
			Files.writeString(properties, """
					process.roles=broker,controller
					node.id=1
					controller.quorum.voters=1@127.0.0.1:%2$d
					listeners=BROKER://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
					advertised.listeners=BROKER://127.0.0.1:%1$d
					controller.listener.names=CONTROLLER
					inter.broker.listener.name=BROKER
					listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT
					sasl.enabled.mechanisms=SCRAM-SHA-512
					sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
					sasl.mechanism.controller.protocol=PLAIN
					listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="%5$s";
					listener.name.controller.sasl.enabled.mechanisms=PLAIN
					listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="%4$s" user_controller="%4$s";
					authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
					super.users=User:admin;User:controller
					allow.everyone.if.no.acl.found=false
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
					# a handful of clients: fewer threads, each of which wakes several times a second while idle
					num.network.threads=1
					num.io.threads=2
					background.threads=2
					num.recovery.threads.per.data.dir=1
					""".formatted(port, controllerPort, data, controller, admin));
			if (Files.isRegularFile(data.resolve("meta.properties")) && !Files.exists(authenticated)) {
				Path aside = dir.resolve("data.unauthenticated-" + System.currentTimeMillis());
				Files.move(data, aside);
				say.accept("Kafka's log of before authentication moved to " + aside + "; a new one is formatted");
			}
			if (!Files.isRegularFile(data.resolve("meta.properties"))) {
				format(properties, admin);
				Files.writeString(authenticated, "SASL/SCRAM-SHA-512 since this log was formatted\n");
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot prepare Kafka in " + dir, e);
		}
		return ChildProcess.start("kafka", java("kafka.Kafka", properties.toString()), Map.of(), List.of(), dir,
				logs.resolve("kafka.log"), pids.resolve("kafka"));
	}

	/**
	 * Waits until the broker answers as a cluster of one; then, as {@value #ADMIN}, creates the topics that are
	 * missing, gives every part its user (or its password again) and applies the ACLs.
	 */
	void awaitReady(ChildProcess broker, long deadline) {
		RuntimeException last = null;
		Map<String, Object> config = new LinkedHashMap<>(clientProperties(ADMIN));
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
		config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
		try (Admin admin = Admin.create(config)) {
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
					List<UserScramCredentialAlteration> users = new ArrayList<>();
					List<String> names = new ArrayList<>(SERVICES);
					targets.forEach(t -> names.add(agent(t)));
					for (String user : names) {
						users.add(new UserScramCredentialUpsertion(user,
								new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(user)));
					}
					admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
					admin.createAcls(KafkaAcls.read(installation.home().resolve("infra/kafka/acls.txt"), targets))
						.all()
						.get(30, TimeUnit.SECONDS);
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

	/** A Kafka client's settings to connect as {@code user}. */
	Map<String, Object> clientProperties(String user) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
		properties.put("security.protocol", "SASL_PLAINTEXT");
		properties.put("sasl.mechanism", "SCRAM-SHA-512");
		properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
				+ user + "\" password=\"" + password(user) + "\";");
		return properties;
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

	/** Formats the log with {@value #ADMIN}'s SCRAM credentials in its metadata: the one user there is at first. */
	private void format(Path properties, String adminPassword) {
		List<String> command = java("kafka.tools.StorageTool", "format", "--ignore-formatted", "-t",
				Uuid.randomUuid().toString(), "-c", properties.toString(), "--add-scram",
				"SCRAM-SHA-512=[name=" + ADMIN + ",password=" + adminPassword + "]");
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

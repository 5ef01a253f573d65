package nixproc.ensemble;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17 item 2: {@code nixproc up}'s broker with authentication on. A client without credentials, or with a wrong
 * password, is refused; an agent may read the commands and write its events but not write commands nor read the
 * agents' events; the coordinator may send commands. Before, the broker took anyone on 127.0.0.1, and any local user
 * could write commands and RollbackRequested.
 */
class KafkaAuthenticationTest {

	@TempDir
	Path state;

	ChildProcess broker;

	EmbeddedKafka kafka;

	@AfterEach
	void stop() {
		if (broker != null) {
			broker.stop("TERM", Duration.ofSeconds(30));
		}
	}

	@Test // #17
	void anAnonymousClientIsRefusedAndEachPartMayDoOnlyWhatItsAclsSay() throws Exception {
		Installation installation = new Installation(Path.of("..").toAbsolutePath().normalize(),
				System.getProperty("java.class.path"));
		kafka = new EmbeddedKafka(state, freePort(), freePort(), state.resolve("logs"), installation,
				List.of("alpha"), line -> { });
		broker = kafka.start(Files.createDirectories(state.resolve("pids")));
		kafka.awaitReady(broker, System.nanoTime() + Duration.ofSeconds(120).toNanos());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kafka.passwordFile("agent-alpha"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("kafka/server.properties"))))
			.isEqualTo("rw-------");

		Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
		try (Admin admin = Admin.create(anonymous)) {
			assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
				.as("a client without credentials").isInstanceOfAny(ExecutionException.class,
						java.util.concurrent.TimeoutException.class);
		}
		Map<String, Object> wrong = new HashMap<>(kafka.clientProperties("agent-alpha"));
		wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
				+ "username=\"agent-alpha\" password=\"guessed\";");
		wrong.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		wrong.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		try (Admin admin = Admin.create(wrong)) {
			assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
				.hasCauseInstanceOf(SaslAuthenticationException.class);
		}

		assertThatThrownBy(() -> send("agent-alpha", "nixproc.commands")).as("an agent writing commands")
			.hasCauseInstanceOf(TopicAuthorizationException.class);
		send("agent-alpha", "nixproc.agent-events");
		read("agent-alpha", "nixproc.commands", "nixproc-agent-alpha");
		assertThatThrownBy(() -> read("agent-alpha", "nixproc.agent-events", "nixproc-agent-alpha"))
			.as("an agent reading the agents' events").isInstanceOf(TopicAuthorizationException.class);
		send("coordinator", "nixproc.commands");
		assertThatThrownBy(() -> send("model-service", "nixproc.commands")).as("model-service writing commands")
			.hasCauseInstanceOf(TopicAuthorizationException.class);
	}

	void send(String user, String topic) throws Exception {
		Map<String, Object> config = new HashMap<>(kafka.clientProperties(user));
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "alpha", "{}")).get(15, TimeUnit.SECONDS);
		}
	}

	void read(String user, String topic, String group) {
		Map<String, Object> config = new HashMap<>(kafka.clientProperties(user));
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.poll(Duration.ofSeconds(5));
			consumer.commitSync(Map.of(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

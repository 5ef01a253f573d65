package nixproc.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import nixproc.events.Ed25519Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigLoaderTest {

	private static final String KEY = Ed25519Keys.encode(Ed25519Keys.generate().getPublic());

	@TempDir
	Path dir;

	private AgentConfig load(String yaml, Map<String, String> env) {
		return new AgentConfigLoader(env).load(yaml, "agent.yml", Optional.of(dir));
	}

	@Test
	void everyKeyOfApiMdIsRead() {
		AgentConfig config = load("""
				target: test1
				kafkaBootstrap: kafka:9092
				stateDir: /var/lib/nixproc-agent
				processManager: supervisord
				privileged: true
				properties: { hostname: test1.example, zone: a }
				coordinatorPublicKey: %s
				heartbeatSeconds: 2
				""".formatted(KEY), Map.of());
		assertThat(config.target()).isEqualTo("test1");
		assertThat(config.kafkaBootstrap()).isEqualTo("kafka:9092");
		assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/nixproc-agent"));
		assertThat(config.processManager()).isEqualTo("supervisord");
		assertThat(config.privileged()).isTrue();
		assertThat(config.properties()).containsEntry("hostname", "test1.example").containsEntry("zone", "a");
		assertThat(config.coordinatorPublicKeys()).extracting(Ed25519Keys::encode).containsExactly(KEY);
		assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.commandsTopic()).isEqualTo("nixproc.commands");
	}

	@Test
	void defaultsAndEnvironmentOverrides() {
		AgentConfig config = load("target: test1\nstateDir: /s\ncoordinatorPublicKey: " + KEY + "\n",
				Map.of("NIXPROC_AGENT_TARGET", "test2", "NIXPROC_KAFKA_BOOTSTRAP", "k:1", "NIXPROC_AGENT_PROPERTIES",
						"{\"zone\": \"b\"}", "NIXPROC_AGENT_HEARTBEAT_SECONDS", "9", "NIXPROC_AGENT_TOPIC_PREFIX", "x."));
		assertThat(config.target()).isEqualTo("test2");
		assertThat(config.kafkaBootstrap()).isEqualTo("k:1");
		assertThat(config.processManager()).isEqualTo("auto");
		assertThat(config.privileged()).isFalse();
		assertThat(config.properties()).containsEntry("zone", "b").containsKey("hostname");
		assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(9));
		assertThat(config.eventsTopic()).isEqualTo("x.nixproc.agent-events");
		assertThat(AgentConfigLoader.variable("coordinatorPublicKey")).isEqualTo("NIXPROC_AGENT_COORDINATOR_PUBLIC_KEY");
	}

	@Test
	void theCoordinatorKeyMayBeAPemOrBase64FileRelativeToTheConfig() throws Exception {
		Files.writeString(dir.resolve("coordinator.pub"), "-----BEGIN PUBLIC KEY-----\n" + KEY + "\n-----END PUBLIC KEY-----\n");
		AgentConfig config = load("target: t\nstateDir: /s\ncoordinatorPublicKey: coordinator.pub\n", Map.of());
		assertThat(config.coordinatorPublicKeys()).extracting(Ed25519Keys::encode).containsExactly(KEY);
	}

	@Test // #17
	void duringARotationTheCoordinatorKeyIsAListOfKeysAndFilesAndAFileMayHoldSeveral() throws Exception {
		String next = Ed25519Keys.encode(Ed25519Keys.generate().getPublic());
		String third = Ed25519Keys.encode(Ed25519Keys.generate().getPublic());
		Files.writeString(dir.resolve("both.pub"), "-----BEGIN PUBLIC KEY-----\n" + next + "\n-----END PUBLIC KEY-----\n"
				+ "-----BEGIN PUBLIC KEY-----\n" + third + "\n-----END PUBLIC KEY-----\n");
		AgentConfig config = load("target: t\nstateDir: /s\ncoordinatorPublicKey: [" + KEY + ", both.pub]\n", Map.of());
		assertThat(config.coordinatorPublicKeys()).extracting(Ed25519Keys::encode).containsExactly(KEY, next, third);
		assertThatThrownBy(() -> load("target: t\nstateDir: /s\ncoordinatorPublicKey: []\n", Map.of()))
			.hasMessageStartingWith("coordinatorPublicKey (from agent.yml): must be a key or a file");
	}

	@Test // #17
	void theBrokerUserAndTheFileHoldingItsPasswordMakeTheClientsAuthenticate() throws Exception {
		Files.writeString(dir.resolve("kafka.password"), "s3cret\n");
		String base = "target: t\nstateDir: /s\ncoordinatorPublicKey: " + KEY + "\n";
		AgentConfig config = load(base + "kafkaUser: agent-t\nkafkaPasswordFile: kafka.password\n", Map.of());
		assertThat(config.kafkaSecurity().clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
					+ "username=\"agent-t\" password=\"s3cret\";");
		assertThat(config.kafkaSecurity().toString()).doesNotContain("s3cret");
		assertThat(load(base, Map.of()).kafkaSecurity().clientProperties())
			.containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
		assertThatThrownBy(() -> load(base + "kafkaUser: agent-t\n", Map.of()))
			.hasMessageStartingWith("kafkaUser (from agent.yml): security protocol SASL_PLAINTEXT needs a user and a "
					+ "password (kafkaPasswordFile names the file that holds the password)");
		assertThatThrownBy(() -> load(base + "kafkaSecurityProtocol: TLS\n", Map.of()))
			.hasMessageStartingWith("kafkaSecurityProtocol (from agent.yml): security protocol: one of");
	}

	@Test
	void errorsNameTheKeyAndWhereTheValueCameFrom() {
		String base = "stateDir: /s\ncoordinatorPublicKey: " + KEY + "\n";
		assertThatThrownBy(() -> load(base, Map.of())).isInstanceOf(ConfigException.class)
			.hasMessage("target: required (in agent.yml or as NIXPROC_AGENT_TARGET)");
		assertThatThrownBy(() -> load(base + "target: t\nprivilegded: true\n", Map.of()))
			.hasMessageContaining("unknown key privilegded");
		assertThatThrownBy(() -> load(base + "target: t\n", Map.of("NIXPROC_AGENT_HEARTBEAT_SECONDS", "0")))
			.hasMessage("heartbeatSeconds (from environment variable NIXPROC_AGENT_HEARTBEAT_SECONDS): must be a "
					+ "positive whole number of seconds, was 0");
		assertThatThrownBy(() -> load(base + "target: t\nprocessManager: upstart\n", Map.of()))
			.hasMessageStartingWith("processManager (from agent.yml): unknown process manager upstart");
		assertThatThrownBy(() -> load("target: t\nstateDir: /s\ncoordinatorPublicKey: nope.pub\n", Map.of()))
			.hasMessageStartingWith("coordinatorPublicKey (from agent.yml): neither an existing file nor");
		assertThatThrownBy(() -> load(base + "target: 'a b'\n", Map.of()))
			.hasMessageStartingWith("target (from agent.yml): must match");
	}

}

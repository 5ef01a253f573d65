package nixproc.e2e.network;

import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import nixproc.events.AgentEvent;
import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import nixproc.events.MachineCapabilities;
import nixproc.events.Registered;
import nixproc.events.StepFailed;
import nixproc.events.StepKind;
import nixproc.testsupport.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator with real PostgreSQL, a real Kafka broker and two real agents (sysvinit, unprivileged) in this
 * JVM: a server on alpha and a client on beta that depends on it across machines is deployed and committed; then a
 * deployment whose new client exits at once is rolled back, and the first generation runs on; a third (changing the
 * server) commits while a concurrent request gets 409 and forged agent events are refused; two rollbacks return to
 * generation 1 and then to generation 2.
 */
class DeploymentEndToEndTest extends CoordinatorWithAgents {

	static final String TOKEN = Api.TOKEN;

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final long RUN = 100_000 + ThreadLocalRandom.current().nextInt(800_000);

	/** The operator whose signed RollbackRequested the coordinators of these tests trust. */
	static final KeyPair OPERATOR = Ed25519Keys.generate();

	@Test
	void deploysAcrossTwoTargetsRollsBackAFailingDeploymentRefusesForgeriesAndRollsBackTwiceToWhereItWas() throws Exception {
		startAgents("alpha", "beta");

		JsonNode first = finished(deploy(model("exec sleep " + RUN + "2")));
		assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("COMMITTED");
		assertThat(first.get("generation").asLong()).isEqualTo(1);
		ProcessHandle server = sleeper(RUN + "1").orElseThrow();
		ProcessHandle client = sleeper(RUN + "2").orElseThrow();
		// the client's process was rendered with its dependency's machine, across targets
		assertThat(Files.readString(agents.stateDir("beta").resolve("mappings.json"))).contains("alpha.local");
		assertThat(steps(first)).containsSubsequence("LOCK", "ACTIVATE alpha [server]", "ACTIVATE beta [client]",
				"UNLOCK");

		JsonNode second = finished(deploy(model("echo 'no frobnicator' >&2; exit 4")));
		assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("ROLLED_BACK");
		assertThat(second.get("error").asString()).contains("client");
		assertThat(steps(second)).containsSubsequence("DEACTIVATE beta [client]", "ACTIVATE beta [client]",
				"ACTIVATE beta [client]");
		// generation 1 runs on: the server never stopped, the old client is back
		assertThat(server.isAlive()).isTrue();
		assertThat(client.isAlive()).isFalse();
		assertThat(sleeper(RUN + "2")).isPresent();
		assertThat(get("/api/v1/generations").size()).isEqualTo(1);
		assertThat(get("/api/v1/generations/1").get("manifest").get("entries").has("client@beta")).isTrue();
		// environment values are a deployer's to read; a viewer sees their names only (#17)
		assertThat(get("/api/v1/generations/1").toString()).contains("\"SERVER_SECRET\":\"s3cret\"");
		nixproc.service.ApiClient.Response asViewer = new nixproc.service.ApiClient(port).get("/api/v1/generations/1",
				nixproc.service.ApiClient.VIEWER);
		assertThat(asViewer.body()).doesNotContain("s3cret").contains("\"SERVER_SECRET\":\"(redacted)\"");

		assertThat(deploymentEvents()).contains("DeploymentRequested", "TransitionStarted", "DeploymentCommitted",
				"RollbackStarted", "DeploymentRolledBack");

		// generation 2 changes the server; its dependent client restarts with it (its hash changed)
		String third = deploy(model("3", "exec sleep " + RUN + "2"));
		forgeAnswersFor(third);
		JsonNode conflict = client().post()
			.uri("/api/v1/deployments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsString(model("4", "exec sleep " + RUN + "2")))
			.exchange((request, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(409);
				return JSON.readTree(response.getBody());
			});
		assertThat(conflict.get("detail").asString()).contains("locked by deployment " + third);
		assertThat(finished(third).get("status").asString()).isEqualTo("COMMITTED");
		Awaitility.await().atMost(WAIT).until(() -> sleeper(RUN + "3").isPresent() && sleeper(RUN + "1").isEmpty());
		assertThat(forgedRecordsInTheDeadLetterTopic()).isEqualTo(2);

		// rolling back commits generation 3 with generation 1's manifest; rolling back again returns to generation 2
		assertThat(finished(rollback()).get("status").asString()).isEqualTo("COMMITTED");
		Awaitility.await().atMost(WAIT).until(() -> sleeper(RUN + "1").isPresent() && sleeper(RUN + "3").isEmpty());
		assertThat(finished(rollback()).get("status").asString()).isEqualTo("COMMITTED");
		Awaitility.await().atMost(WAIT).until(() -> sleeper(RUN + "3").isPresent() && sleeper(RUN + "1").isEmpty());
		JsonNode generations = get("/api/v1/generations");
		assertThat(generations.size()).isEqualTo(4);
		assertThat(get("/api/v1/generations/4").get("manifest")).isEqualTo(get("/api/v1/generations/2").get("manifest"));
		assertThat(get("/api/v1/generations/3").get("manifest")).isEqualTo(get("/api/v1/generations/1").get("manifest"));

		// a RollbackRequested nobody signed, or a stranger signed, rolls nothing back (#17)
		send("nixproc.deployments", "operator", new Envelope("rr-unsigned-" + RUN, "RollbackRequested", 1,
				Instant.now(), "operator", "operator", JSON.readTree("{\"generation\": 1}"), Optional.empty())
			.toJsonText());
		send("nixproc.deployments", "operator", new EnvelopeSigner(Ed25519Keys.generate().getPrivate())
			.sign(new Envelope("rr-stranger-" + RUN, "RollbackRequested", 1, Instant.now(), "operator", "operator",
					JSON.readTree("{\"generation\": 1}"), Optional.empty()))
			.toJsonText());
		Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
			.until(() -> get("/api/v1/generations").size() == 4 && get("/api/v1/deployments").size() == 5);
		// an operator's RollbackRequested on nixproc.deployments, signed with an operator key, does the same; the same
		// event again does nothing
		String request = rollbackRequested(1);
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/generations").size() == 5
				&& get("/api/v1/deployments").get(0).get("status").asString().equals("COMMITTED"));
		assertThat(get("/api/v1/generations/5").get("manifest")).isEqualTo(get("/api/v1/generations/1").get("manifest"));
		send("nixproc.deployments", "operator", request);
		Thread.sleep(3000);
		assertThat(get("/api/v1/generations").size()).isEqualTo(5);
		assertThat(get("/api/v1/deployments").get(0).get("status").asString()).isEqualTo("COMMITTED");
		// a figure for the README, not an assertion (architecture §8)
		System.out.println("ROUNDTRIP " + api().lockRoundTrips());
	}

	@Test
	void refusesModelsTheNetworkCannotRunNamingTheField() {
		int before = get("/api/v1/deployments").size();
		ObjectNode unknownTarget = (ObjectNode) model("exec sleep 1");
		ObjectNode models = (ObjectNode) unknownTarget.get("models");
		((ObjectNode) models.get("infrastructure")).set("gamma", models.get("infrastructure").get("beta"));
		((ObjectNode) models.get("distribution")).putArray("client").add("gamma");
		List<String> errors = new ArrayList<>();
		refused(unknownTarget, 422).get("errors")
			.forEach(e -> errors.add(e.get("pointer").asString() + " " + e.get("message").asString()));
		assertThat(errors).contains("/infrastructure/gamma no agent has registered for target gamma");

		ObjectNode badDependency = (ObjectNode) model("exec sleep 1");
		((ObjectNode) badDependency.get("models").get("services").get("client").get("dependsOn")).put("server",
				"nosuch");
		assertThat(refused(badDependency, 422).get("errors").get(0).get("pointer").asString())
			.startsWith("/models/services/client/dependsOn");

		int withoutToken = RestClient.create("http://127.0.0.1:" + port)
			.get()
			.uri("/api/v1/deployments")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(withoutToken).isEqualTo(401);
		assertThat(get("/api/v1/deployments").size()).as("nothing was stored").isEqualTo(before);
	}

	JsonNode refused(JsonNode body, int status) {
		return api().post("/api/v1/deployments", body).exchange((request, response) -> {
			assertThat(response.getStatusCode().value()).isEqualTo(status);
			return JSON.readTree(response.getBody());
		});

	}

	static final Duration WAIT = Duration.ofSeconds(30);

	String rollback() {
		return client().post()
			.uri("/api/v1/rollback")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.body(JsonNode.class)
			.get("id")
			.asString();
	}

	/** Sends a RollbackRequested to generation {@code n} as an operator's tool would; returns the record sent. */
	static String rollbackRequested(long n) {
		return rollbackRequested(kafka, "rr-" + RUN, n);
	}

	static String rollbackRequested(TestKafka kafka, String id, long n) {
		String envelope = new EnvelopeSigner(OPERATOR.getPrivate()).sign(new Envelope(id, "RollbackRequested", 1,
				Instant.now(), "operator", "operator", JSON.readTree("{\"generation\": " + n + "}"), Optional.empty()))
			.toJsonText();
		send(kafka, "nixproc.deployments", "operator", envelope);
		return envelope;
	}

	static void send(String topic, String key, String value) {
		send(kafka, topic, key, value);
	}

	static void send(TestKafka kafka, String topic, String key, String value) {
		Properties p = new Properties();
		p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(kafka.topic(topic), key, value)).get();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A stranger claims to be alpha with a key of its own, then fails the deployment's lock step with it: both are
	 * refused to the dead-letter topic and change nothing.
	 */
	static void forgeAnswersFor(String deploymentId) {
		KeyPair stranger = Ed25519Keys.generate();
		EnvelopeSigner signer = new EnvelopeSigner(stranger.getPrivate());
		Registered registered = new Registered("alpha", new MachineCapabilities("evil", "linux", "x86_64", List.of(),
				"sysvinit", false, Optional.empty(), Map.of()), Ed25519Keys.encode(stranger.getPublic()), "x",
				Instant.now(), 0);
		StepFailed failed = new StepFailed("alpha", deploymentId + "/p0-lock-alpha", deploymentId, "p0-lock-alpha", 2,
				StepKind.LOCK, "forged", List.of());
		Properties p = new Properties();
		p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
				new StringSerializer())) {
			for (AgentEvent event : List.<AgentEvent>of(registered, failed)) {
				producer.send(new ProducerRecord<>(kafka.topic("nixproc.agent-events"), "alpha",
						signer.sign(EventCodec.envelope(event, Instant.now())).toJsonText())).get();
			}
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	static int forgedRecordsInTheDeadLetterTopic() {
		Properties p = new Properties();
		p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlq-" + RUN);
		int count = 0;
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(kafka.topic("nixproc.agent-events.dlq")));
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (System.nanoTime() < deadline && count < 2) {
				count += consumer.poll(Duration.ofMillis(500)).count();
			}
		}
		return count;
	}

	/** server on alpha; client on beta, depending on it, running {@code clientScript}. */
	static JsonNode model(String clientScript) {
		return model("1", clientScript);
	}

	static JsonNode model(String serverMarker, String clientScript) {
		return JSON.readTree("""
				{ "models": {
				    "services": {
				      "server": { "name": "server", "pkg": { "foregroundProcess": "/bin/sleep",
				                                             "foregroundProcessArgs": ["%s%s"],
				                                             "environment": { "SERVER_SECRET": "s3cret" } } },
				      "client": { "name": "client", "dependsOn": { "server": "server" },
				                  "pkg": { "foregroundProcess": "/bin/sh",
				                           "foregroundProcessArgs": ["-c", "%s",
				                                                     "${dependsOn.server.target.properties.hostname}"] } }
				    },
				    "infrastructure": {
				      "alpha": { "properties": { "hostname": "alpha.local" }, "processManager": "sysvinit" },
				      "beta": { "properties": { "hostname": "beta.local" }, "processManager": "sysvinit" }
				    },
				    "distribution": { "server": ["alpha"], "client": ["beta"] } },
				  "options": { "stepTimeoutSeconds": 60 } }
				""".formatted(RUN, serverMarker, clientScript));
	}

	String deploy(JsonNode body) {
		return api().deploy(body);
	}

	JsonNode finished(String id) {
		return api().finished(id);
	}

	JsonNode get(String path) {
		return api().get(path);
	}

	RestClient client() {
		return api().client();
	}

	static List<String> steps(JsonNode deployment) {
		List<String> steps = new ArrayList<>();
		deployment.get("steps").forEach(s -> {
			List<String> services = new ArrayList<>();
			s.get("services").forEach(n -> services.add(n.asString()));
			steps.add(s.get("kind").asString().equals("LOCK") || s.get("kind").asString().equals("UNLOCK")
					? s.get("kind").asString() : s.get("kind").asString() + " " + s.get("target").asString() + " "
							+ services);
		});
		return steps;
	}

	static Optional<ProcessHandle> sleeper(String marker) {
		return ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().orElse("").endsWith("sleep " + marker))
			.findFirst();
	}

	static void createTopics(TestKafka kafka) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(kafka.topic("nixproc.commands"), 3, (short) 1),
					new NewTopic(kafka.topic("nixproc.agent-events"), 1, (short) 1),
					new NewTopic(kafka.topic("nixproc.agent-events.dlq"), 1, (short) 1),
					new NewTopic(kafka.topic("nixproc.deployments"), 1, (short) 1))).all().get();
		}
		catch (Exception e) {
			throw new IllegalStateException("cannot create the test's topics", e);
		}
	}

	static List<String> deploymentEvents() {
		Properties p = new Properties();
		p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + RUN);
		List<String> types = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(kafka.topic("nixproc.deployments")));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline && !types.contains("DeploymentRolledBack")) {
				for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
					types.add(JSON.readTree(r.value()).get("type").asString());
				}
			}
		}
		return types;
	}

}

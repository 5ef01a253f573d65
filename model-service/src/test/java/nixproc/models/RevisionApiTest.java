package nixproc.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nixproc.service.ApiClient;
import nixproc.testsupport.SpringIntegrationServices;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.service.ApiClient.ADMIN;
import static nixproc.service.ApiClient.DEPLOYER;
import static nixproc.service.ApiClient.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"nixproc.security.bootstrap-admin-token=" + ApiClient.ADMIN,
		"nixproc.security.tokens[0].sha256=d036bd6d01a1cae081d39a2f8dab751dc042de814fd60df31fcb553170950f29",
		"nixproc.security.tokens[0].role=viewer",
		"nixproc.security.tokens[1].sha256=ff516f1224b47332a2762242e346393ed67947cbc15afc8cf7d235089884f16d",
		"nixproc.security.tokens[1].role=deployer" })
class RevisionApiTest {

	/** The infrastructure of {@link #modelSet()}, written in Nix. */
	private static final String NIX_INFRASTRUCTURE = """
			{
			  test1 = { properties.hostname = "test1.local"; processManager = "sysvinit"; system = "x86_64-linux"; };
			  test2 = {
			    properties.hostname = "test2.local"; processManager = "supervisord"; numOfCores = 2;
			    containers.mysql-database.mysqlPort = 3306;
			  };
			}""";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static SpringIntegrationServices.Registered services;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	ApiClient api;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		services = SpringIntegrationServices.register(registry);
	}

	@BeforeEach
	void clean() {
		api = new ApiClient(port);
		jdbc.update("DELETE FROM revision");
	}

	static ObjectNode modelSet() {
		try (InputStream in = RevisionApiTest.class.getResourceAsStream("/model-set.json")) {
			return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Test
	void validateAnswersTheCanonicalFormAndStoresNothing() {
		ApiClient.Response response = api.post("/api/v1/validate", VIEWER, modelSet().toString());

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("valid").asBoolean()).isTrue();
		assertThat(response.json().get("canonical").get("services").get("webapp1").get("type").asString()).isEqualTo("process");
		assertThat(response.json().get("id").asString()).hasSize(64);
		assertThat(count()).isZero();
	}

	@Test
	void identicalContentIsTheSameRevision() {
		ApiClient.Response first = api.post("/api/v1/revisions", DEPLOYER, modelSet().toString());
		ObjectNode sameContent = modelSet().put("message", "another message");
		// the same content written as YAML is the same revision too
		sameContent.putObject("idResources").put("format", "yaml")
			.put("text", "uids: {min: 2000, max: 3000, scope: machine}\nwebappPorts: {min: 5000, max: 6000, step: 1}\n");
		ApiClient.Response again = api.post("/api/v1/revisions", DEPLOYER, sameContent.toString());

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		assertThat(first.json().get("author").asString()).isEqualTo("token:deployer");
		assertThat(first.json().get("message").asString()).isEqualTo("first");
		assertThat(first.json().has("parent")).isFalse();
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(count()).isEqualTo(1);
	}

	@Test
	void identicalSubmissionsRacingEachOtherStoreOneRevisionAndOneEvent() throws Exception {
		ObjectNode unique = modelSet();
		((ObjectNode) unique.get("services").get("monitor")).put("nonce", UUID.randomUUID().toString());
		int outboxBefore = jdbc.queryForObject("SELECT count(*) FROM event_publication", Integer.class);
		List<java.util.concurrent.Callable<Integer>> posts = java.util.Collections.nCopies(6,
				() -> api.post("/api/v1/revisions", DEPLOYER, unique.toString()).status());

		List<Integer> statuses = new ArrayList<>();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
		try {
			for (var result : pool.invokeAll(posts)) {
				statuses.add(result.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
		assertThat(count()).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM event_publication", Integer.class)).isEqualTo(outboxBefore + 1);
	}

	@Test
	void revisionsChainListReadSourceAndDiff() {
		String a = api.post("/api/v1/revisions", DEPLOYER, modelSet().toString()).json().get("id").asString();
		ObjectNode changed = modelSet().put("message", "move webapp1");
		((ObjectNode) changed.get("distribution")).putArray("webapp1").add("test2");
		((ObjectNode) changed.get("services").get("webapp2")).put("port", 6001);
		ApiClient.Response second = api.post("/api/v1/revisions", ADMIN, changed.toString());
		String b = second.json().get("id").asString();

		assertThat(second.json().get("parent").asString()).isEqualTo(a);
		JsonNode list = api.get("/api/v1/revisions?page=0&size=1", VIEWER).json();
		assertThat(list.get("total").asLong()).isEqualTo(2);
		assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(b);
		assertThat(api.get("/api/v1/revisions?page=1&size=1", VIEWER).json().get("items").get(0).get("id").asString()).isEqualTo(a);
		JsonNode full = api.get("/api/v1/revisions/" + b, VIEWER).json();
		assertThat(full.get("canonical").get("distribution").get("webapp1").get(0).get("target").asString()).isEqualTo("test2");
		ApiClient.Response source = api.get("/api/v1/revisions/" + b + "/source", DEPLOYER);
		assertThat(source.contentType()).startsWith("application/json");
		assertThat(JSON.readTree(source.body())).isEqualTo(changed);
		JsonNode diff = api.get("/api/v1/revisions/" + a + "/diff/" + b, VIEWER).json();
		assertThat(diff.get("services").get("changed").get(0).get("name").asString()).isEqualTo("webapp2");
		assertThat(diff.get("services").get("changed").get(0).get("fields").get(0).asString()).isEqualTo("port");
		assertThat(diff.get("mappings").get("added").get(0).get("target").asString()).isEqualTo("test2");
		assertThat(diff.get("mappings").get("removed").get(0).get("target").asString()).isEqualTo("test1");
	}

	@Test // #17
	void aViewerReadsARevisionWithoutEnvironmentValuesAndConfigFileContentsAndNotItsSource() {
		ObjectNode set = modelSet();
		ObjectNode pkg = (ObjectNode) set.get("services").get("webapp2").get("pkg");
		pkg.putObject("environment").put("DB_PASSWORD", "hunter2");
		pkg.putArray("configFiles").addObject().put("path", "/etc/webapp2.key").put("content", "-----PRIVATE-----");
		String id = api.post("/api/v1/revisions", DEPLOYER, set.toString()).json().get("id").asString();

		String asViewer = api.get("/api/v1/revisions/" + id, VIEWER).body();
		assertThat(asViewer).doesNotContain("hunter2").doesNotContain("PRIVATE")
			.contains("\"DB_PASSWORD\":\"(redacted)\"").contains("/etc/webapp2.key");
		assertThat(api.get("/api/v1/revisions/" + id, DEPLOYER).body()).contains("hunter2").contains("PRIVATE");
		assertThat(api.get("/api/v1/revisions/" + id + "/source", VIEWER).status()).isEqualTo(403);
	}

	@Test
	void nixModelsAreTheSameRevisionAsTheirJson() {
		ObjectNode json = modelSet();
		((ObjectNode) json.get("infrastructure").get("test1")).put("numOfCores", 1);
		ObjectNode nix = modelSet();
		nix.putObject("infrastructure").put("format", "nix").put("text", NIX_INFRASTRUCTURE);
		nix.putObject("distribution").put("format", "nix").put("text", """
				{ infrastructure }: {
				  webapp1 = [ infrastructure.test1 ];
				  webapp2.targets = [ { target = infrastructure.test1; } { target = infrastructure.test2; container = "process"; } ];
				  nginx = [ infrastructure.test1 infrastructure.test2 ];
				}""");

		ApiClient.Response fromJson = api.post("/api/v1/revisions", DEPLOYER, json.toString());
		ApiClient.Response fromNix = api.post("/api/v1/revisions", DEPLOYER, nix.toString());

		assertThat(fromJson.status()).as(fromJson.body()).isEqualTo(201);
		assertThat(fromNix.status()).as(fromNix.body()).isEqualTo(200);
		assertThat(fromNix.json().get("id").asString()).isEqualTo(fromJson.json().get("id").asString());
	}

	@Test // #17
	void nixModelsAreEvaluatedOnlyForADeployer() {
		ObjectNode nix = modelSet();
		nix.putObject("infrastructure").put("format", "nix").put("text", NIX_INFRASTRUCTURE);

		ApiClient.Response viewer = api.post("/api/v1/validate", VIEWER, nix.toString());
		assertThat(viewer.status()).as(viewer.body()).isEqualTo(403);
		assertThat(viewer.pointer()).isEqualTo("/infrastructure/format");
		assertThat(viewer.json().get("errors").get(0).get("message").asString()).contains("deployer role");
		assertThat(api.post("/api/v1/validate", VIEWER, modelSet().toString()).status()).isEqualTo(200);
		ApiClient.Response deployer = api.post("/api/v1/validate", DEPLOYER, nix.toString());
		assertThat(deployer.status()).as(deployer.body()).isEqualTo(200);
	}

	@Test
	void rolesAndUnknownRevisions() {
		String body = modelSet().toString();

		assertThat(api.post("/api/v1/revisions", null, body).status()).isEqualTo(401);
		assertThat(api.post("/api/v1/revisions", VIEWER, body).status()).isEqualTo(403);
		assertThat(api.post("/api/v1/validate", null, body).status()).isEqualTo(401);
		assertThat(api.get("/api/v1/revisions", null).status()).isEqualTo(401);
		assertThat(api.get("/api/v1/revisions/" + "0".repeat(64), VIEWER).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/revisions/nothex", VIEWER).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/revisions?size=1000", VIEWER).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/revisions?page=-1", VIEWER).status()).isEqualTo(400);
		assertThat(api.get("/api/v1/revisions?page=x", VIEWER).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/revisions", DEPLOYER, modelSet().put("parent", "f".repeat(64)).toString()).status())
			.isEqualTo(422);
		assertThat(count()).isZero();
	}

	@Test
	void openApiDescribesTheRevisionsApi() {
		ApiClient.Response docs = api.get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").has("/api/v1/revisions/{from}/diff/{to}")).isTrue();
		assertThat(docs.json().get("paths").has("/api/v1/validate")).isTrue();
	}

	@Test
	void newRevisionsReachKafkaInTheEnvelopeOnce() {
		// content no other test of this class stores, as they share the topic
		ObjectNode unique = modelSet();
		((ObjectNode) unique.get("services").get("monitor")).put("nonce", UUID.randomUUID().toString());
		String id = api.post("/api/v1/revisions", DEPLOYER, unique.toString()).json().get("id").asString();
		api.post("/api/v1/revisions", DEPLOYER, unique.toString());

		List<JsonNode> events = consume(services.kafka().topic("nixproc.models"), id);

		assertThat(events).singleElement().satisfies(e -> {
			assertThat(e.get("type").asString()).isEqualTo("ModelRevisionCreated");
			assertThat(e.get("key").asString()).isEqualTo(id);
			assertThat(e.get("schemaVersion").asInt()).isEqualTo(1);
			assertThat(e.get("source").asString()).isEqualTo("model-service");
			assertThat(e.get("payload").get("revisionId").asString()).isEqualTo(id);
			assertThat(e.get("payload").get("services").asInt()).isEqualTo(4);
		});
		assertThat(jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
				Integer.class)).isZero();
	}

	private int count() {
		return jdbc.queryForObject("SELECT count(*) FROM revision", Integer.class);
	}

	/** Reads until the first event of {@code key} (at most 60 s), then 3 s more, so a duplicate would show. */
	private List<JsonNode> consume(String topic, String key) {
		List<JsonNode> events = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			Runnable read = () -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode event = JSON.readTree(record.value());
					assertThat(record.key()).isEqualTo(event.get("key").asString());
					if (record.key().equals(key)) {
						events.add(event);
					}
				}
			};
			// a KafkaConsumer belongs to one thread: poll in this one, back to back (poll waits up to 500 ms itself)
			Awaitility.await("an event of " + key + " on " + topic)
				.atMost(Duration.ofSeconds(60))
				.pollInSameThread()
				.pollInterval(Duration.ZERO)
				.until(() -> {
					read.run();
					return !events.isEmpty();
				});
			// then a fixed 3 s more, not a wait for a condition: a duplicate would come in them
			for (long quiet = System.nanoTime() + Duration.ofSeconds(3).toNanos(); System.nanoTime() < quiet;) {
				read.run();
			}
		}
		return events;
	}

}

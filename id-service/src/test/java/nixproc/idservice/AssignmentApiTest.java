package nixproc.idservice;

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
class AssignmentApiTest {

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
	void pools() {
		api = new ApiClient(port);
		jdbc.update("DELETE FROM pool");
		jdbc.update("DELETE FROM deployment_request");
		jdbc.update("DELETE FROM service_targets");
		api.post("/api/v1/pools:import", ADMIN, """
				{"webappPorts": {"min": 5000, "max": 6000}, "uids": {"min": 2000, "max": 3000},
				 "nginxPorts": {"min": 8080, "max": 9000, "scope": "machine"}, "tiny": {"min": 1, "max": 2}}""");
	}

	@Test
	void assignsInSortedOrderAndAnswersInTheShapeModelsRead() {
		ApiClient.Response response = api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-1", "services": [
				  {"name": "webapp2", "targets": ["test1"], "pools": ["webappPorts", "uids"]},
				  {"name": "webapp1", "targets": ["test1"], "pools": ["webappPorts", "uids"]},
				  {"name": "nginx", "targets": ["test1", "test2"], "pools": ["nginxPorts", "uids"]}]}""");

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode ids = response.json().get("ids");
		assertThat(ids.get("webappPorts").get("webapp1").asLong()).isEqualTo(5000);
		assertThat(ids.get("webappPorts").get("webapp2").asLong()).isEqualTo(5001);
		assertThat(ids.get("uids").get("nginx").asLong()).isEqualTo(2000);
		assertThat(ids.get("nginxPorts").get("nginx").asLong()).isEqualTo(8080);
		assertThat(response.json().get("lastAssignments").get("uids").asLong()).isEqualTo(2002);
		assertThat(response.json().get("lastAssignmentsPerTarget").get("test2").get("nginxPorts").asLong()).isEqualTo(8080);
	}

	@Test
	void theSameDeploymentIdGetsTheSameAnswerAndAnotherRequestUnderItIsRefused() {
		String request = "{\"deploymentId\": \"d-2\", \"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}]}";
		ApiClient.Response first = api.post("/api/v1/assignments", DEPLOYER, request);
		ApiClient.Response again = api.post("/api/v1/assignments", DEPLOYER, request);
		ApiClient.Response other = api.post("/api/v1/assignments", DEPLOYER,
				"{\"deploymentId\": \"d-2\", \"services\": [{\"name\": \"b\", \"pools\": [\"uids\"]}]}");

		assertThat(again.json()).isEqualTo(first.json());
		assertThat(holdings()).isEqualTo(1);
		assertThat(other.status()).isEqualTo(409);
		assertThat(other.pointer()).isEqualTo("/deploymentId");
		assertThat(holdings()).isEqualTo(1);
	}

	@Test
	void aDepletedPoolFailsTheWholeRequestNamingPoolAndSize() {
		ApiClient.Response response = api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-3", "services": [{"name": "a", "pools": ["uids", "tiny"]},
				  {"name": "b", "pools": ["tiny"]}, {"name": "c", "pools": ["tiny"]}]}""");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.pointer()).isEqualTo("/services/2/pools/0");
		assertThat(response.json().get("detail").asString()).contains("depleted").contains("'tiny'").contains("all 2 IDs");
		assertThat(holdings()).isZero();
		assertThat(api.post("/api/v1/assignments", DEPLOYER,
				"{\"deploymentId\": \"d-3\", \"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}]}").status())
			.as("a failed request does not use up its deployment id").isEqualTo(200);
	}

	@Test
	void badRequestsAre4xxNamingTheFieldAndWriteNothing() {
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"pools\": [\"gids\"]}]}", 400,
				"/services/0/pools/0");
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a b\", \"pools\": [\"uids\"]}]}", 400,
				"/services/0/name");
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"targets\": [\"../x\"], \"pools\": [\"uids\"]}]}",
				400, "/services/0/targets/0");
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"pools\": [\"nginxPorts\"]}]}", 400,
				"/services/0/targets");
		assertBad("{\"deploymentId\": \"d\", \"services\": []}", 400, "/services");
		assertBad("{\"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}]}", 400, "/deploymentId");
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"pools\": \"uids\"}]}", 400,
				"/services/0/pools");
		assertBad("{\"deploymentId\": \"d\", \"services\": [", 400, "");
		StringBuilder many = new StringBuilder("{\"deploymentId\": \"d\", \"services\": [");
		for (int i = 0; i <= 10_000; i++) {
			many.append(i == 0 ? "" : ",").append("{\"name\":\"s").append(i).append("\"}");
		}
		assertBad(many.append("]}").toString(), 400, "/services");
		String huge = "{\"deploymentId\": \"d\", \"services\": [{\"name\": \"" + "x".repeat(2_000_000) + "\"}]}";
		assertThat(api.post("/api/v1/assignments", DEPLOYER, huge).status()).isEqualTo(413);
		assertThat(api.post("/api/v1/assignments", VIEWER,
				"{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}]}").status())
			.isEqualTo(403);
		assertThat(holdings()).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM deployment_request", Integer.class)).isZero();
	}

	@Test
	void otherBadInputIs400NamingTheFieldNeverA500AndWritesNothing() {
		assertBad("", 400, "");
		assertBad("null", 400, "");
		assertBad("{}", 400, "/deploymentId");
		assertBad("{\"deploymentId\": \"a b\", \"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}]}", 400,
				"/deploymentId");
		assertBad("{\"deploymentId\": \"d\", \"prune\": \"maybe\", \"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}]}",
				400, "/prune");
		assertBad("{\"deploymentId\": \"d\", \"services\": {\"name\": \"a\"}}", 400, "/services");
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}, {\"name\": \"a\", \"pools\": [\"uids\"]}]}",
				400, "/services/1/name");
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"pools\": " + names("p", 65) + "}]}", 400,
				"/services/0/pools");
		assertBad("{\"deploymentId\": \"d\", \"services\": [{\"name\": \"a\", \"targets\": " + names("t", 1001)
				+ ", \"pools\": [\"nginxPorts\"]}]}", 400, "/services/0/targets");
		ApiClient.Response export = api.get("/api/v1/assignments/export?format=xml", VIEWER);
		assertThat(export.status()).isEqualTo(400);
		assertThat(export.pointer()).isEqualTo("/format");
		assertBadImport("{\"format\": \"nix\", \"text\": {\"ids\": {}}}", "/text");
		assertBadImport("{\"format\": 5, \"text\": \"{}\"}", "/format");
		assertBadImport("{\"format\": \"xml\", \"text\": \"{}\"}", "/format");
		assertBadImport("{\"ids\": {\"uids\": {\"x\": 2000, \"y\": 2000}}}", "/ids/uids/y");
		assertBadImport("{\"ids\": {\"nginxPorts\": {\"x\": 8080}}}", "/ids/nginxPorts/x");
		assertBadImport("{\"ids\": {\"gids\": {\"x\": 1}}}", "/ids/gids");
		assertThat(api.post("/api/v1/assignments:import", ADMIN, "{\"ids\": {\"uids\": {\"x\": \"seven\"}}}").status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/assignments:import", ADMIN, "{\"ids\": 5}").status()).isEqualTo(400);
		assertThat(api.post("/api/v1/assignments:import", ADMIN, "null").status()).isEqualTo(400);
		assertThat(holdings()).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM deployment_request", Integer.class)).isZero();
	}

	@Test
	void theSameServicesInAnotherOrderAreTheSameRequest() {
		ApiClient.Response first = api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-10", "services": [{"name": "a", "targets": ["t1", "t2"], "pools": ["uids", "nginxPorts"]},
				  {"name": "b", "pools": ["uids"]}]}""");
		ApiClient.Response reordered = api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-10", "services": [{"name": "b", "pools": ["uids"]},
				  {"name": "a", "targets": ["t2", "t1"], "pools": ["nginxPorts", "uids"]}]}""");

		assertThat(first.status()).isEqualTo(200);
		assertThat(reordered.json()).isEqualTo(first.json());
		assertThat(holdings()).isEqualTo(4);
	}

	@Test
	void theOpenApiDocumentDeclaresTheBearerSchemeAndTheRolePerOperation() {
		ApiClient.Response docs = api.get("/v3/api-docs", null);

		assertThat(docs.status()).isEqualTo(200);
		JsonNode scheme = docs.json().get("components").get("securitySchemes").get("bearer");
		assertThat(scheme.get("type").asString()).isEqualTo("http");
		assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
		assertThat(docs.json().get("security").get(0).has("bearer")).isTrue();
		JsonNode paths = docs.json().get("paths");
		Map<String, String> roles = Map.of("/api/v1/assignments post", "deployer", "/api/v1/assignments get", "viewer",
				"/api/v1/assignments/export get", "viewer", "/api/v1/assignments:import post", "admin",
				"/api/v1/pools get", "viewer", "/api/v1/pools post", "admin", "/api/v1/pools/{name} put", "admin",
				"/api/v1/pools/{name} delete", "admin", "/api/v1/pools:import post", "admin");
		roles.forEach((operation, role) -> {
			String[] pathAndMethod = operation.split(" ");
			assertThat(paths.path(pathAndMethod[0]).path(pathAndMethod[1]).path("x-nixproc-role").asString(""))
				.as(operation + " in " + paths.propertyNames())
				.isEqualTo(role);
		});
	}

	@Test
	void pruneReleasesWhatTheRequestNoLongerNames() {
		api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-4", "services": [{"name": "a", "pools": ["uids"]}, {"name": "b", "pools": ["uids"]}]}""");

		ApiClient.Response pruned = api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-5", "prune": true, "services": [{"name": "b", "pools": ["uids"]}, {"name": "c", "pools": ["uids"]}]}""");

		assertThat(pruned.json().get("ids").get("uids").get("b").asLong()).isEqualTo(2001);
		assertThat(pruned.json().get("ids").get("uids").get("c").asLong()).isEqualTo(2002);
		assertThat(api.get("/api/v1/assignments", VIEWER).json().get("ids").get("uids").has("a")).isFalse();
	}

	@Test
	void shrinkingAPoolBelowItsHoldersIsRefusedUnlessReassigned() {
		api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-6", "services": [{"name": "a", "pools": ["uids"]}, {"name": "b", "pools": ["uids"]}]}""");

		ApiClient.Response refused = api.put("/api/v1/pools/uids", ADMIN, "{\"min\": 2000, \"max\": 2000}");
		ApiClient.Response reassigned = api.put("/api/v1/pools/uids?reassign=true", ADMIN, "{\"min\": 1000, \"max\": 2000}");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("service 'b' holds 2001");
		assertThat(reassigned.status()).isEqualTo(200);
		JsonNode uids = api.get("/api/v1/assignments", VIEWER).json().get("ids").get("uids");
		assertThat(uids.get("a").asLong()).isEqualTo(2000);
		assertThat(uids.get("b").asLong()).isEqualTo(1000);
	}

	@Test
	void exportsTheSeedsIdsNixAndImportsItBack() {
		api.post("/api/v1/assignments", DEPLOYER, """
				{"deploymentId": "d-7", "services": [{"name": "webapp", "pools": ["webappPorts", "uids"]}]}""");
		String nix = api.get("/api/v1/assignments/export?format=nix", VIEWER).body();
		String json = api.get("/api/v1/assignments/export?format=json", VIEWER).body();
		jdbc.update("DELETE FROM holding");

		ApiClient.Response imported = api.post("/api/v1/assignments:import", ADMIN,
				JsonMapper.builder().build().writeValueAsString(Map.of("format", "nix", "text", nix)));

		assertThat(nix).contains("\"webappPorts\" = {\n      \"webapp\" = 5000;");
		assertThat(imported.status()).as(imported.body()).isEqualTo(200);
		assertThat(api.get("/api/v1/assignments/export?format=json", VIEWER).body()).isEqualTo(json);
		ApiClient.Response outOfPool = api.post("/api/v1/assignments:import", ADMIN,
				"{\"ids\": {\"uids\": {\"x\": 7}}}");
		assertThat(outOfPool.status()).isEqualTo(400);
		assertThat(outOfPool.pointer()).isEqualTo("/ids/uids/x");
	}

	@Test
	void assignmentsAndReleasesReachKafkaInTheEnvelope() {
		api.post("/api/v1/assignments", DEPLOYER, "{\"deploymentId\": \"d-8\", \"services\": [{\"name\": \"k\", \"pools\": [\"uids\"]}]}");
		api.post("/api/v1/assignments", DEPLOYER, "{\"deploymentId\": \"d-9\", \"prune\": true, \"services\": [{\"name\": \"l\", \"pools\": [\"uids\"]}]}");

		List<JsonNode> events = consume(services.kafka().topic("nixproc.ids"), 3);

		assertThat(events).anySatisfy(e -> {
			assertThat(e.get("type").asString()).isEqualTo("IdsAssigned");
			assertThat(e.get("key").asString()).isEqualTo("d-8");
			assertThat(e.get("schemaVersion").asInt()).isEqualTo(1);
			assertThat(e.get("source").asString()).isEqualTo("id-service");
			assertThat(e.get("payload").get("ids").get(0).get("service").asString()).isEqualTo("k");
		});
		assertThat(events).anySatisfy(e -> {
			assertThat(e.get("type").asString()).isEqualTo("IdsReleased");
			assertThat(e.get("payload").get("ids").get(0).get("service").asString()).isEqualTo("k");
		});
		assertThat(jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
				Integer.class)).isZero();
	}

	private List<JsonNode> consume(String topic, int atLeast) {
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> events = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafka().bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			// a KafkaConsumer belongs to one thread: poll in this one, back to back (poll waits up to 500 ms itself)
			Awaitility.await("at least " + atLeast + " events on " + topic)
				.atMost(Duration.ofSeconds(60))
				.pollInSameThread()
				.pollInterval(Duration.ZERO)
				.until(() -> {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
						JsonNode event = json.readTree(record.value());
						assertThat(record.key()).isEqualTo(event.get("key").asString());
						events.add(event);
					}
					return events.size() >= atLeast;
				});
		}
		return events;
	}

	private void assertBad(String body, int status, String pointer) {
		ApiClient.Response response = api.post("/api/v1/assignments", DEPLOYER, body);
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.pointer()).as(response.body()).isEqualTo(pointer);
	}

	private void assertBadImport(String body, String pointer) {
		ApiClient.Response response = api.post("/api/v1/assignments:import", ADMIN, body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.pointer()).as(response.body()).isEqualTo(pointer);
	}

	/** A JSON array of {@code count} distinct valid names. */
	private static String names(String prefix, int count) {
		StringBuilder names = new StringBuilder("[");
		for (int i = 0; i < count; i++) {
			names.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
		}
		return names.append(']').toString();
	}

	private int holdings() {
		return jdbc.queryForObject("SELECT count(*) FROM holding", Integer.class);
	}

}

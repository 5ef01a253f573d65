package nixproc.idservice;

import nixproc.service.ApiClient;
import nixproc.testsupport.SpringIntegrationServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
class PoolApiTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	ApiClient api;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
	}

	@BeforeEach
	void clean() {
		api = new ApiClient(port);
		jdbc.update("DELETE FROM pool");
	}

	@Test
	void createReadUpdateDelete() {
		ApiClient.Response created = api.post("/api/v1/pools", ADMIN,
				"{\"name\": \"webappPorts\", \"min\": 5000, \"max\": 6000, \"step\": 1, \"scope\": \"global\"}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("max").asLong()).isEqualTo(6000);
		assertThat(api.get("/api/v1/pools/webappPorts", VIEWER).json().get("scope").asString()).isEqualTo("global");
		assertThat(api.get("/api/v1/pools", VIEWER).json().size()).isEqualTo(1);
		assertThat(api.post("/api/v1/pools", ADMIN, "{\"name\": \"webappPorts\", \"min\": 1, \"max\": 2}").status())
			.isEqualTo(409);
		assertThat(api.put("/api/v1/pools/webappPorts", ADMIN, "{\"min\": 5000, \"max\": 7000, \"step\": 2}").json()
			.get("step").asLong()).isEqualTo(2);
		assertThat(api.delete("/api/v1/pools/webappPorts", ADMIN).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/pools/webappPorts", VIEWER).status()).isEqualTo(404);
	}

	@Test
	void adminWritesViewerReads() {
		String pool = "{\"name\": \"uids\", \"min\": 2000, \"max\": 3000}";

		assertThat(api.post("/api/v1/pools", null, pool).status()).isEqualTo(401);
		assertThat(api.post("/api/v1/pools", VIEWER, pool).status()).isEqualTo(403);
		assertThat(api.post("/api/v1/pools", DEPLOYER, pool).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/pools", null).status()).isEqualTo(401);
		assertThat(api.get("/api/v1/pools", VIEWER).status()).isEqualTo(200);
		assertThat(count()).isZero();
	}

	@Test
	void badPoolsAre400NamingTheFieldAndWriteNothing() {
		assertBad("{\"name\": \"p\", \"min\": 10, \"max\": 5}", "/min", "must not exceed max");
		assertBad("{\"name\": \"p\", \"min\": -1, \"max\": 5}", "/min", "between 0 and");
		assertBad("{\"name\": \"p\", \"min\": 1.5, \"max\": 5}", "/min", "");
		assertBad("{\"name\": \"p\", \"min\": \"abc\", \"max\": 5}", "/min", "");
		assertBad("{\"name\": \"p\", \"min\": 1, \"max\": 5, \"step\": 0}", "/step", "at least 1");
		assertBad("{\"name\": \"p\", \"min\": 1, \"max\": 5, \"scope\": \"planet\"}", "/scope", "global or machine");
		assertBad("{\"name\": \"9 bad\", \"min\": 1, \"max\": 5}", "/name", "Nix identifier");
		assertBad("{\"name\": \"p\", \"max\": 5}", "/min", "is required");
		ApiClient.Response malformed = api.post("/api/v1/pools", ADMIN, "{\"name\": \"p\", \"min\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).isEqualTo("application/problem+json");
		assertThat(malformed.json().get("detail").asString()).startsWith("Malformed JSON");
		assertThat(count()).isZero();
	}

	@Test
	void importsAnIdResourcesModelInJsonAndYaml() {
		ApiClient.Response json = api.post("/api/v1/pools:import", ADMIN,
				"{\"webappPorts\": {\"min\": 5000, \"max\": 6000}, \"uids\": {\"min\": 2000, \"max\": 3000, \"scope\": \"global\"}}");
		ApiClient.Response yaml = api.post("/api/v1/pools:import", ADMIN,
				"{\"format\": \"yaml\", \"text\": \"nginxPorts:\\n  min: 8080\\n  max: 9000\\n  scope: machine\\n\"}");

		assertThat(json.status()).isEqualTo(200);
		assertThat(yaml.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/pools/nginxPorts", VIEWER).json().get("scope").asString()).isEqualTo("machine");
		assertThat(count()).isEqualTo(3);
		ApiClient.Response bad = api.post("/api/v1/pools:import", ADMIN, "{\"gids\": {\"min\": 5, \"max\": 1}}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.pointer()).isEqualTo("/gids/min");
	}

	@Test
	void importsAnIdResourcesModelInNixEvaluatedRestricted() {
		ApiClient.Response nix = api.post("/api/v1/pools:import", ADMIN,
				"{\"format\": \"nix\", \"text\": \"{ webappPorts = { min = 5000; max = 5000 + 1000; }; }\"}");
		assertThat(nix.status()).as(nix.toString()).isEqualTo(200);
		assertThat(api.get("/api/v1/pools/webappPorts", VIEWER).json().get("max").asInt()).isEqualTo(6000);

		// an idresources model is data: reading the service's files is refused, and nothing is stored
		ApiClient.Response reading = api.post("/api/v1/pools:import", ADMIN,
				"{\"format\": \"nix\", \"text\": \"{ uids = { min = 1; max = builtins.stringLength (builtins.readFile /etc/passwd); }; }\"}");
		assertThat(reading.status()).isEqualTo(400);
		assertThat(reading.pointer()).isEqualTo("/text");
		assertThat(count()).isEqualTo(1);
	}

	@Test
	void badImportsAre400NamingTheFieldNeverA500() {
		assertBadImport("{\"format\": \"yaml\", \"text\": {\"uids\": {\"min\": 1, \"max\": 2}}}", "/text");
		assertBadImport("{\"format\": \"toml\", \"text\": \"uids = 1\"}", "/format");
		assertBadImport("{\"format\": \"yaml\", \"text\": \"uids: [\"}", "/text");
		assertBadImport("{\"uids\": {\"min\": 1, \"max\": 2, \"scope\": 3}}", "/uids/scope");
		assertBadImport("{\"uids\": {\"min\": 1, \"max\": 2.5}}", "/uids/max");
		assertBadImport("{\"uids\": 7}", "/uids");
		assertBadImport("{}", "");
		assertBadImport("null", "");
		assertThat(count()).isZero();
	}

	@Test
	void aHeldPoolKeepsItsScopeAndIsDeletedOnlyWithRelease() {
		api.post("/api/v1/pools", ADMIN, "{\"name\": \"uids\", \"min\": 2000, \"max\": 3000}");
		assertThat(api.post("/api/v1/assignments", DEPLOYER,
				"{\"deploymentId\": \"d-1\", \"services\": [{\"name\": \"a\", \"pools\": [\"uids\"]}]}").status())
			.isEqualTo(200);

		ApiClient.Response scope = api.put("/api/v1/pools/uids", ADMIN,
				"{\"min\": 2000, \"max\": 3000, \"scope\": \"machine\"}");
		ApiClient.Response held = api.delete("/api/v1/pools/uids", ADMIN);

		assertThat(scope.status()).isEqualTo(409);
		assertThat(scope.pointer()).isEqualTo("/scope");
		assertThat(held.status()).isEqualTo(409);
		assertThat(api.get("/api/v1/pools/uids", VIEWER).status()).isEqualTo(200);
		assertThat(api.delete("/api/v1/pools/uids?release=true", ADMIN).status()).isEqualTo(204);
		assertThat(count()).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM holding", Integer.class)).isZero();
	}

	private void assertBadImport(String body, String pointer) {
		ApiClient.Response response = api.post("/api/v1/pools:import", ADMIN, body);
		assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.pointer()).as(response.body()).isEqualTo(pointer);
	}

	private void assertBad(String body, String pointer, String message) {
		ApiClient.Response response = api.post("/api/v1/pools", ADMIN, body);
		assertThat(response.status()).as(body).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.pointer()).as(response.body()).isEqualTo(pointer);
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains(message);
	}

	private int count() {
		return jdbc.queryForObject("SELECT count(*) FROM pool", Integer.class);
	}

}

package nixproc.coordinator.api;

import nixproc.service.ApiClient;
import nixproc.testsupport.SpringIntegrationServices;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 item 5: a plan of Nix models starts a Nix evaluation on the server, which takes the deployer role; JSON
 * and YAML models a viewer may still plan. Before, any viewer could start evaluations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NixInputTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
		for (String property : ApiClient.PROPERTIES) {
			String[] pair = property.split("=", 2);
			registry.add(pair[0], () -> pair[1]);
		}
	}

	@LocalServerPort
	int port;

	@Test // #17
	void planningNixModelsTakesTheDeployerRoleAndJsonOnesAViewers() {
		ApiClient api = new ApiClient(port);
		ObjectNode nix = body();
		((ObjectNode) nix.get("models")).putObject("infrastructure").put("format", "nix").put("text",
				"{ alpha = { properties.hostname = \"alpha.local\"; processManager = \"sysvinit\"; }; }");

		ApiClient.Response viewer = api.post("/api/v1/plan", ApiClient.VIEWER, nix.toString());
		assertThat(viewer.status()).as(viewer.body()).isEqualTo(403);
		assertThat(viewer.pointer()).isEqualTo("/models/infrastructure/format");
		ApiClient.Response deployer = api.post("/api/v1/plan", ApiClient.DEPLOYER, nix.toString());
		assertThat(deployer.status()).as(deployer.body()).isEqualTo(200);
		assertThat(deployer.json().get("added").get(0).asString()).isEqualTo("web@alpha");
		ApiClient.Response json = api.post("/api/v1/plan", ApiClient.VIEWER, body().toString());
		assertThat(json.status()).as(json.body()).isEqualTo(200);
	}

	@Test // #17
	void aStepTimeoutAboveAnHourOrAHealthWindowAboveADayIsRefusedNamingTheField() {
		ApiClient api = new ApiClient(port);
		ObjectNode decades = body();
		decades.putObject("options").put("dryRun", true).put("stepTimeoutSeconds", 30 * 365 * 86_400);
		ApiClient.Response refused = api.post("/api/v1/deployments", ApiClient.DEPLOYER, decades.toString());
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.pointer()).isEqualTo("/options/stepTimeoutSeconds");
		ObjectNode week = body();
		week.putObject("options").put("dryRun", true).put("healthWindowSeconds", 7 * 86_400);
		assertThat(api.post("/api/v1/deployments", ApiClient.DEPLOYER, week.toString()).pointer())
			.isEqualTo("/options/healthWindowSeconds");
		ObjectNode hour = body();
		hour.putObject("options").put("dryRun", true).put("stepTimeoutSeconds", 3600);
		assertThat(api.post("/api/v1/deployments", ApiClient.DEPLOYER, hour.toString()).status()).isEqualTo(200);
	}

	static ObjectNode body() {
		return (ObjectNode) JSON.readTree("""
				{ "models": {
				    "services": { "web": { "name": "web", "pkg": { "foregroundProcess": "/bin/sleep",
				                                                    "foregroundProcessArgs": ["600"] } } },
				    "infrastructure": { "alpha": { "properties": { "hostname": "alpha.local" },
				                                   "processManager": "sysvinit" } },
				    "distribution": { "web": ["alpha"] } } }
				""");
	}

}

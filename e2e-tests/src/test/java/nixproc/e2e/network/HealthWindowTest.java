package nixproc.e2e.network;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;
import static nixproc.e2e.network.DeploymentEndToEndTest.model;
import static nixproc.e2e.network.DeploymentEndToEndTest.sleeper;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health window (deploy-rs's magic rollback, Nomad's auto_revert) with real agents: a process of the newest
 * generation that dies inside its deployment's window makes the coordinator roll the network back on its own, once.
 */
class HealthWindowTest extends CoordinatorWithAgents {

	@Test
	void aProcessThatDiesInsideTheHealthWindowRollsTheNetworkBackToThePreviousGeneration() {
		startAgents("alpha", "beta");
		Api api = api();
		String client = "exec sleep " + RUN + "9";
		assertThat(api.finished(api.deploy(withHealthWindow(model("7", client), 300))).get("status").asString())
			.isEqualTo("COMMITTED");
		assertThat(api.finished(api.deploy(withHealthWindow(model("8", client), 300))).get("status").asString())
			.isEqualTo("COMMITTED");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sleeper(RUN + "8").isPresent()
				&& sleeper(RUN + "7").isEmpty());

		sleeper(RUN + "8").orElseThrow().destroyForcibly();

		// generation 3, made by the coordinator alone, is generation 1 again, and it runs
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/api/v1/generations").size() == 3
					&& api.get("/api/v1/deployments").get(0).get("status").asString().equals("COMMITTED"));
		assertThat(api.get("/api/v1/generations/3").get("manifest"))
			.isEqualTo(api.get("/api/v1/generations/1").get("manifest"));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sleeper(RUN + "7").isPresent());

		// an automatic rollback has no window of its own: a death now rolls nothing back (no bouncing back to 2)
		sleeper(RUN + "7").orElseThrow().destroyForcibly();
		Awaitility.await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12))
			.until(() -> api.get("/api/v1/generations").size() == 3);
	}

	static JsonNode withHealthWindow(JsonNode body, int seconds) {
		((ObjectNode) body.get("options")).put("healthWindowSeconds", seconds);
		return body;
	}

}

package nixproc.e2e.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nixproc.testsupport.ScriptedKafkaBroker;
import nixproc.testsupport.SpringIntegrationServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import tools.jackson.databind.JsonNode;

import static nixproc.e2e.network.DeploymentEndToEndTest.JSON;
import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;
import static nixproc.e2e.network.DeploymentEndToEndTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator and two real agents on a Kafka broker of this test's own (infra/kafka.sh through
 * {@link ScriptedKafkaBroker}) which is stopped in the middle of a four-wave deployment and started again: the first
 * activation is held in its {@code initialize} script until the broker is down, so the agent's answer and the
 * coordinator's next commands all fall into the outage. The deployment must commit anyway, with every step succeeded
 * once and every process running once: nothing lost, nothing done twice.
 */
@DirtiesContext
@TestExecutionListeners(listeners = BrokerRestartEndToEndTest.StopBroker.class,
		mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class BrokerRestartEndToEndTest extends CoordinatorAndAgents {

	private static final int CHAIN = 4;

	private static ScriptedKafkaBroker broker;

	@DynamicPropertySource
	static void privateBroker(DynamicPropertyRegistry registry) {
		broker = ScriptedKafkaBroker.inTemporaryDirectory();
		broker.start();
		kafka = SpringIntegrationServices.register(registry, broker.newKafka()).kafka();
		DeploymentEndToEndTest.createTopics(kafka);
	}

	@Test
	void aDeploymentRidesOutABrokerRestartAndCommitsWithNothingLostOrRepeated() throws Exception {
		startAgents("alpha", "beta");
		Path gate = dirs.resolve("gate");
		Instant posted = Instant.now();
		String id = api().deploy(chain(gate));

		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> api().get("/api/v1/deployments/" + id), d -> steps(d).contains("ACTIVATE alpha [s1]")
					&& status(d, "ACTIVATE alpha [s1]").equals("RUNNING"));
		Instant down = Instant.now();
		broker.stop();
		Files.createFile(gate);
		Thread.sleep(4000);
		JsonNode during = api().get("/api/v1/deployments/" + id);
		assertThat(during.get("status").asString()).as("still in flight while the broker is down: %s", during)
			.isEqualTo("ACTIVATING");
		broker.start();
		Instant up = Instant.now();

		JsonNode done = api().finished(id);
		// figures for the README, not assertions
		System.out.printf("BROKER_RESTART broker down %d ms (stop to started), POST to COMMITTED %d ms, started to "
				+ "COMMITTED %d ms%n", Duration.between(down, up).toMillis(),
				Duration.between(posted, Instant.now()).toMillis(), Duration.between(up, Instant.now()).toMillis());
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMMITTED");
		assertThat(done.get("generation").asLong()).isEqualTo(1);
		assertThat(api().get("/api/v1/generations").size()).isEqualTo(1);
		List<String> activations = steps(done).stream().filter(s -> s.startsWith("ACTIVATE")).toList();
		assertThat(activations).containsExactly("ACTIVATE alpha [s1]", "ACTIVATE beta [s2]", "ACTIVATE alpha [s3]",
				"ACTIVATE beta [s4]");
		// COMMITTED comes with the unlocks sent; their answers follow
		done = Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> api().get("/api/v1/deployments/" + id),
					d -> statuses(d).stream().noneMatch(List.of("PENDING", "RUNNING")::contains));
		done.get("steps").forEach(s -> {
			assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("SUCCEEDED");
			assertThat(s.get("compensation").asBoolean()).as(s.toString()).isFalse();
		});
		for (int i = 1; i <= CHAIN; i++) {
			String marker = "sleep " + RUN + "7" + i;
			assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").endsWith(marker)))
				.as("processes running %s", marker)
				.hasSize(1);
		}
	}

	/** The agents and their daemons go first, while the broker still answers. */
	@AfterEach
	void stopAgents() {
		stopEverything();
	}

	/**
	 * Stops the broker after the class's context was closed ({@link DirtiesContext}; listeners' after-class callbacks
	 * run in reverse order, so the highest precedence comes last), also when the context never started: a coordinator
	 * closing against a dead broker would wait out its clients' close timeouts.
	 */
	static final class StopBroker implements TestExecutionListener, Ordered {

		@Override
		public void afterTestClass(TestContext testContext) {
			if (broker != null) {
				broker.close();
				broker = null;
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/** s1 on alpha ← s2 on beta ← s3 on alpha ← s4 on beta, each depending on the one before: four waves. */
	private static JsonNode chain(Path gate) {
		StringBuilder services = new StringBuilder();
		StringBuilder distribution = new StringBuilder();
		for (int i = 1; i <= CHAIN; i++) {
			String target = i % 2 == 1 ? "alpha" : "beta";
			String dependsOn = i == 1 ? "" : "\"dependsOn\": { \"previous\": \"s" + (i - 1) + "\" }, ";
			String initialize = i == 1 ? ", \"initialize\": \"while [ ! -e " + gate + " ]; do sleep 0.2; done\"" : "";
			services.append(i == 1 ? "" : ",\n").append("""
					"s%d": { "name": "s%d", %s"pkg": { "foregroundProcess": "/bin/sleep",
					         "foregroundProcessArgs": ["%d7%d"]%s } }""".formatted(i, i, dependsOn, RUN, i, initialize));
			distribution.append(i == 1 ? "" : ", ").append("\"s%d\": [\"%s\"]".formatted(i, target));
		}
		return JSON.readTree("""
				{ "models": {
				    "services": { %s },
				    "infrastructure": {
				      "alpha": { "properties": { "hostname": "alpha.local" }, "processManager": "sysvinit" },
				      "beta": { "properties": { "hostname": "beta.local" }, "processManager": "sysvinit" }
				    },
				    "distribution": { %s } },
				  "options": { "stepTimeoutSeconds": 120 } }
				""".formatted(services, distribution));
	}

	private static String status(JsonNode deployment, String step) {
		return statuses(deployment).get(steps(deployment).indexOf(step));
	}

	private static List<String> statuses(JsonNode deployment) {
		List<String> statuses = new ArrayList<>();
		deployment.get("steps").forEach(s -> statuses.add(s.get("status").asString()));
		return statuses;
	}

}

package nixproc.e2e.network;

import java.nio.file.Path;
import java.time.Duration;

import nixproc.coordinator.CoordinatorApplication;
import nixproc.coordinator.keys.CoordinatorKeys;
import nixproc.testsupport.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;

/**
 * The coordinator in the test JVM (random port, 200 ms tick, an admin token) with real PostgreSQL and Kafka, and
 * real agents a test starts in this JVM. A subclass registers the services with a {@code @DynamicPropertySource}
 * that sets {@link #kafka} ({@link CoordinatorWithAgents}: test-support's shared broker). Afterwards the agents are
 * closed and every process whose command line carries {@link DeploymentEndToEndTest#RUN} is killed: sysvinit does
 * not supervise, so the daemons are the test's to stop.
 * Each test class gets a context of its own (a fresh database and topic namespace): agents pin their keys by target
 * name at the coordinator, so two classes' agents called alpha must not meet one coordinator.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = CoordinatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nixproc.security.bootstrap-admin-token=" + Api.TOKEN, "nixproc.coordinator.tick=200ms" })
abstract class CoordinatorAndAgents {

	static TestKafka kafka;

	@TempDir
	static Path dirs;

	static InProcessAgents agents;

	@LocalServerPort
	int port;

	@Autowired
	CoordinatorKeys keys;

	@AfterAll
	static void stopEverything() {
		if (agents != null) {
			agents.close();
			agents = null;
		}
		ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().orElse("").contains("sleep " + RUN))
			.forEach(ProcessHandle::destroyForcibly);
	}

	/** sysvinit agents for {@code targets}, once every one of them is online at the coordinator. */
	InProcessAgents startAgents(String... targets) {
		agents = new InProcessAgents(kafka.bootstrapServers(), kafka.namespace(), keys.publicKey(), dirs);
		for (String target : targets) {
			agents.start(target);
		}
		Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
			int online = 0;
			for (JsonNode target : api().get("/api/v1/targets")) {
				online += target.get("online").asBoolean() ? 1 : 0;
			}
			return online == targets.length;
		});
		return agents;
	}

	Api api() {
		return new Api(port);
	}

}

package nixproc.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import nixproc.events.Heartbeat;
import nixproc.events.Lock;
import nixproc.events.StepSucceeded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static nixproc.agent.TestAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker of this test's own (infra/kafka.sh on a private port and run dir) is stopped under a running agent and
 * started again: the agent must ride it out and carry on with commands and heartbeats.
 */
class BrokerRestartTest {

	private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("infra/kafka.sh");

	@TempDir
	Path dir;

	private int port;

	private TestCoordinator coordinator;

	private TestAgents agents;

	@BeforeEach
	void startBroker() throws Exception {
		port = freePortPair();
		// the broker's class path is resolved once per run dir; reuse the default instance's resolution if present
		Path known = SCRIPT.resolveSibling("run/kafka-9092/cp.txt");
		if (Files.isRegularFile(known)) {
			Files.createDirectories(dir.resolve("kafka-" + port));
			Files.copy(known, dir.resolve("kafka-" + port + "/cp.txt"));
		}
		kafka("start");
	}

	@AfterEach
	void stopBroker() throws Exception {
		try {
			if (agents != null) {
				agents.close();
			}
			if (coordinator != null) {
				coordinator.close();
			}
		}
		finally {
			kafka("stop");
		}
	}

	@Test
	void theAgentReconnectsAfterTheBrokerWasStoppedAndStartedAgain() throws Exception {
		String bootstrap = "127.0.0.1:" + port;
		coordinator = new TestCoordinator(bootstrap, "restart.");
		agents = new TestAgents(bootstrap, "restart.", coordinator.commands.publicKey(), dir.resolve("agents"));
		Agent alpha = agents.start("alpha");
		Lock lock = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(300));
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);

		kafka("stop");
		Thread.sleep(4000);
		assertThat(alpha.state().lockAt(Instant.now())).isPresent();
		kafka("start");
		Instant back = Instant.now();

		Lock renew = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(300));
		coordinator.send(renew);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(renew.commandId()), java.time.Duration.ofSeconds(60));
		coordinator.await(Heartbeat.class, h -> h.uptimeSeconds() > java.time.Duration.between(
				alpha.state().lock().orElseThrow().until().minusSeconds(300), back).toSeconds(), WAIT);
	}

	private void kafka(String action) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(List.of("bash", SCRIPT.toString(), action)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka-sh.log").toFile()));
		builder.environment().put("NIXPROC_KAFKA_PORT", Integer.toString(port));
		builder.environment().put("NIXPROC_INFRA_DIR", dir.toString());
		Process process = builder.start();
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("infra/kafka.sh %s finished", action).isTrue();
		assertThat(process.exitValue()).as("infra/kafka.sh %s: %s", action, Files.readString(dir.resolve("kafka-sh.log")))
			.isZero();
	}

	/** A free port whose successor (the controller port) is free too. */
	private static int freePortPair() throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			try (ServerSocket a = new ServerSocket(0)) {
				int candidate = a.getLocalPort();
				if (candidate < 65535) {
					try (ServerSocket b = new ServerSocket(candidate + 1)) {
						return candidate;
					}
					catch (IOException busy) {
						// try another
					}
				}
			}
		}
		throw new IllegalStateException("no two consecutive free ports");
	}

}

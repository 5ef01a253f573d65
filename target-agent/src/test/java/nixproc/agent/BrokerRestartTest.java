package nixproc.agent;

import java.nio.file.Path;
import java.time.Instant;

import nixproc.events.Heartbeat;
import nixproc.events.Lock;
import nixproc.events.StepSucceeded;
import nixproc.testsupport.ScriptedKafkaBroker;
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

	@TempDir
	Path dir;

	private ScriptedKafkaBroker broker;

	private TestCoordinator coordinator;

	private TestAgents agents;

	@BeforeEach
	void startBroker() {
		broker = ScriptedKafkaBroker.in(dir);
		broker.start();
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
			broker.close();
		}
	}

	@Test
	void theAgentReconnectsAfterTheBrokerWasStoppedAndStartedAgain() throws Exception {
		String bootstrap = broker.bootstrapServers();
		coordinator = new TestCoordinator(bootstrap, "restart.");
		agents = new TestAgents(bootstrap, "restart.", coordinator.commands.publicKey(), dir.resolve("agents"));
		Agent alpha = agents.start("alpha");
		Lock lock = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(300));
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);

		broker.stop();
		Thread.sleep(4000);
		assertThat(alpha.state().lockAt(Instant.now())).isPresent();
		broker.start();
		Instant back = Instant.now();

		Lock renew = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(300));
		coordinator.send(renew);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(renew.commandId()), java.time.Duration.ofSeconds(60));
		coordinator.await(Heartbeat.class, h -> h.uptimeSeconds() > java.time.Duration.between(
				alpha.state().lock().orElseThrow().until().minusSeconds(300), back).toSeconds(), WAIT);
	}

}

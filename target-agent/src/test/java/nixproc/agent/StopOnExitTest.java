package nixproc.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import nixproc.agent.command.SwitchingActivator;
import nixproc.events.Activate;
import nixproc.events.EventCodec;
import nixproc.events.Lock;
import nixproc.events.Mapping;
import nixproc.events.ProcessFailed;
import nixproc.events.Registered;
import nixproc.events.StepSucceeded;
import nixproc.profile.GenerationStore;
import nixproc.readiness.ReadinessWaiter;
import nixproc.testsupport.IntegrationServicesExtension;
import nixproc.testsupport.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static nixproc.agent.TestAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stopProcessesOnExit} (the agents of {@code nixproc up}): SIGTERM stops what the generation runs and leaves
 * the generation current; the next start runs it again without reporting a failure; and a SIGTERM that comes while
 * the start-up reconciliation still starts things lets the agent stop them and exit cleanly.
 */
@ExtendWith(IntegrationServicesExtension.class)
class StopOnExitTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A JVM that ran its shutdown hooks after SIGTERM exits with 128 + 15. */
	private static final int SIGTERMED = 143;

	@TempDir
	Path dirs;

	private TestCoordinator coordinator;

	private TestAgents agents;

	private Path config;

	private AgentProcess agent;

	@BeforeEach
	void setUp(TestKafka kafka) throws Exception {
		coordinator = new TestCoordinator(kafka.bootstrapServers(), kafka.namespace());
		agents = new TestAgents(kafka.bootstrapServers(), kafka.namespace(), coordinator.commands.publicKey(), dirs);
		config = Files.writeString(dirs.resolve("alpha.yml"), agents.yaml("alpha") + "stopProcessesOnExit: true\n");
	}

	@AfterEach
	void tearDown() throws Exception {
		if (agent != null) {
			agent.close();
		}
		for (String name : List.of("daemon", "slow")) {
			ReadinessWaiter.readPid(pidFile(name)).stream()
				.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		}
		coordinator.close();
	}

	@Test
	void sigtermStopsTheGenerationsProcessesAndTheNextStartRunsThemAgainWithoutAFailure() throws Exception {
		Registered first = start(Instant.EPOCH);
		activated(List.of(new Mapping("daemon", 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", "
				+ "\"foregroundProcessArgs\": [\"600\"]}"), JSON.createObjectNode())));
		OptionalLong before = ReadinessWaiter.readPid(pidFile("daemon"));
		assertThat(alive(before)).isTrue();

		assertThat(terminate()).as("exit code; its log:\n%s", agent.log()).isEqualTo(SIGTERMED);

		Awaitility.await().atMost(WAIT).until(() -> !alive(before));
		assertThat(agents.stateDir("alpha").resolve("stopped-on-exit")).exists();
		assertThat(new nixproc.agent.state.StateStore(agents.stateDir("alpha")).load().generation()).isEqualTo(4);
		assertThat(new GenerationStore(GenerationStore.profileDir(agents.stateDir("alpha").resolve("var"),
				SwitchingActivator.PROFILE)).current().orElseThrow().manifest().instances())
			.as("the local generation stays current").hasSize(1);
		// #17: the last completed model holds its environment values
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agents.stateDir("alpha").resolve("mappings.json"))))
			.isEqualTo("rw-------");

		int eventsBefore = coordinator.received().size();
		start(first.startedAt());
		Awaitility.await().atMost(WAIT).until(() -> alive(ReadinessWaiter.readPid(pidFile("daemon"))));
		// reconciled before the first command is answered: a report would have come before this answer
		locked();
		List<nixproc.events.Envelope> received = coordinator.received();
		assertThat(received.subList(eventsBefore, received.size()).stream().map(EventCodec::agentEvent))
			.noneMatch(ProcessFailed.class::isInstance);
		assertThat(agents.stateDir("alpha").resolve("stopped-on-exit")).doesNotExist();
	}

	@Test
	void sigtermDuringTheStartUpReconciliationStopsWhatItStartedAndExitsCleanly() throws Exception {
		Registered first = start(Instant.EPOCH);
		Path ready = dirs.resolve("slow-ready");
		Files.writeString(ready, "");
		// ready at once the first time; at the restart only once the flag comes back, which it does not
		activated(List.of(new Mapping("slow", 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", "
				+ "\"foregroundProcessArgs\": [\"600\"], \"readiness\": {\"command\": [\"test\", \"-e\", \"" + ready
				+ "\"], \"timeout\": 60}}"), JSON.createObjectNode())));
		assertThat(terminate()).isEqualTo(SIGTERMED);
		Files.delete(ready);

		start(first.startedAt());
		// the reconciliation has started slow again and waits for it to be ready
		Awaitility.await().atMost(WAIT).until(() -> alive(ReadinessWaiter.readPid(pidFile("slow"))));
		OptionalLong restarted = ReadinessWaiter.readPid(pidFile("slow"));

		assertThat(terminate()).as("exit code (70: the shutdown was cut short); its log:\n%s", agent.log())
			.isEqualTo(SIGTERMED);
		Awaitility.await().atMost(WAIT).until(() -> !alive(restarted));
	}

	private Registered start(Instant after) {
		agent = AgentProcess.start(config, "alpha");
		return coordinator.await(Registered.class, r -> r.startedAt().isAfter(after), WAIT);
	}

	/** SIGTERM; the agent's exit code. */
	private int terminate() throws Exception {
		Process process = agent.process();
		process.destroy();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the agent stopped within 60 s; its log:\n%s", agent.log())
			.isTrue();
		return process.exitValue();
	}

	private void locked() {
		Lock lock = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(300));
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
	}

	private void activated(List<Mapping> mappings) {
		locked();
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 4, "alpha", Instant.now().plusSeconds(120),
				mappings);
		coordinator.send(activate);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(activate.commandId()), WAIT);
	}

	private Path pidFile(String name) {
		return agents.stateDir("alpha").resolve("var/run/" + name + ".pid");
	}

	private static boolean alive(OptionalLong pid) {
		return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
	}

}

package nixproc.agent;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import nixproc.agent.command.SwitchingActivator;
import nixproc.agent.state.StateStore;
import nixproc.events.Activate;
import nixproc.events.CommandRejected;
import nixproc.events.Deactivate;
import nixproc.events.EventCodec;
import nixproc.events.Lock;
import nixproc.events.Mapping;
import nixproc.events.ProcessFailed;
import nixproc.events.Registered;
import nixproc.events.RejectionReason;
import nixproc.events.StepFailed;
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

/** The agent as a process, killed with SIGKILL: what it persisted must be what the restarted agent acts on. */
@ExtendWith(IntegrationServicesExtension.class)
class AgentCrashTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
		config = Files.writeString(dirs.resolve("alpha.yml"), agents.yaml("alpha"));
	}

	@AfterEach
	void tearDown() throws Exception {
		if (agent != null) {
			agent.close();
		}
		coordinator.close();
	}

	private Registered startAgent(Instant after) {
		agent = AgentProcess.start(config, "alpha");
		return coordinator.await(Registered.class, r -> r.startedAt().isAfter(after), WAIT);
	}

	@Test
	void afterKill9TheLockTheKeyAndTheSeenIdsAreStillThere() throws Exception {
		Registered first = startAgent(Instant.EPOCH);
		Lock lock = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(120));
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
		agent.kill9();

		Registered second = startAgent(first.startedAt());
		assertThat(second.publicKey()).isEqualTo(first.publicKey());
		coordinator.send(lock);
		assertThat(coordinator.await(CommandRejected.class,
				r -> r.commandId().equals(java.util.Optional.of(lock.commandId())), WAIT).reason())
			.isEqualTo(RejectionReason.REPLAYED);
		Lock contender = TestCommands.lock("alpha", "d2", Instant.now().plusSeconds(120));
		coordinator.send(contender);
		assertThat(coordinator.await(StepFailed.class, s -> s.commandId().equals(contender.commandId()), WAIT).reason())
			.contains("locked by deployment d1");
	}

	@Test
	void kill9InTheMiddleOfAnActivationIsUndoneAndReportedWhenTheCommandComesAgain() throws Exception {
		Registered first = startAgent(Instant.EPOCH);
		Lock lock = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(120));
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// a process that starts but never becomes ready: the activation waits on it, and is killed there
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 2, "alpha", Instant.now().plusSeconds(120),
				List.of(new Mapping("stuck", 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", "
						+ "\"foregroundProcessArgs\": [\"600\"], \"readiness\": {\"tcpPort\": " + port
						+ ", \"timeout\": 60}}"), JSON.createObjectNode())));
		coordinator.send(activate);
		Path pidFile = agents.stateDir("alpha").resolve("var/run/stuck.pid");
		Awaitility.await().atMost(WAIT).until(() -> new StateStore(agents.stateDir("alpha")).load().inFlight().isPresent()
				&& ReadinessWaiter.readPid(pidFile).isPresent());
		OptionalLong stuck = ReadinessWaiter.readPid(pidFile);
		agent.kill9();
		assertThat(alive(stuck)).as("the half-activated process outlives the agent").isTrue();

		agent = AgentProcess.start(config, "alpha");
		StepFailed failed = coordinator.await(StepFailed.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		assertThat(failed.reason()).startsWith("interrupted").endsWith("it was undone");
		Awaitility.await().atMost(WAIT).until(() -> !alive(stuck));
		assertThat(new StateStore(agents.stateDir("alpha")).load().inFlight()).isEmpty();
		assertThat(new GenerationStore(GenerationStore.profileDir(agents.stateDir("alpha").resolve("var"),
				SwitchingActivator.PROFILE)).current().map(g -> g.manifest().instances().size()).orElse(0)).isZero();
		assertThat(first.target()).isEqualTo("alpha");
	}

	/**
	 * Issue 8, durability: the restarted agent reconciles at start-up, not when a command happens to come. While it
	 * was dead one of its daemons was killed too; it runs again without any command, and the agent says so.
	 */
	@Test
	void afterKill9TheRestartedAgentStartsAKilledDaemonOfItsGenerationAgainWithoutACommand() throws Exception {
		Registered first = startAgent(Instant.EPOCH);
		Lock lock = locked();
		List<Mapping> daemons = List.of(daemon("keeper"), daemon("victim"));
		Activate activate = activated(daemons);
		OptionalLong keeper = ReadinessWaiter.readPid(pidFile("keeper"));
		OptionalLong victim = ReadinessWaiter.readPid(pidFile("victim"));
		try {
			agent.kill9();
			ProcessHandle.of(victim.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
			Awaitility.await().atMost(WAIT).until(() -> !alive(victim));

			int answersBefore = coordinator.received().size();
			startAgent(first.startedAt());
			ProcessFailed reported = coordinator.await(ProcessFailed.class, f -> f.service().equals("victim"), WAIT);
			assertThat(reported.reason()).contains("not running when the agent started").endsWith("started again");
			assertThat(reported.generation()).isEqualTo(4);
			OptionalLong again = ReadinessWaiter.readPid(pidFile("victim"));
			assertThat(again).isPresent().isNotEqualTo(victim);
			assertThat(alive(again)).isTrue();
			assertThat(ReadinessWaiter.readPid(pidFile("keeper"))).isEqualTo(keeper);
			assertThat(alive(keeper)).as("the daemon that kept running is left alone").isTrue();
			// no command was needed: nothing but registration, heartbeats and the report came from the agent. The
			// kill may land before the consumer committed the Activate's offset; then Kafka delivers it again and the
			// agent repeats its recorded answer (at-least-once delivery), which is not a new command.
			Set<String> answered = Set.of(lock.commandId(), activate.commandId());
			List<nixproc.events.Envelope> received = coordinator.received();
			assertThat(received.subList(answersBefore, received.size()).stream()
				.map(EventCodec::agentEvent)
				.filter(e -> !(e instanceof StepSucceeded s && answered.contains(s.commandId())))
				.map(e -> e.getClass().getSimpleName()))
				.isSubsetOf("Registered", "Heartbeat", "ProcessFailed");

			Deactivate down = new Deactivate(TestCommands.id(), "d1", "down", 5, "alpha", Instant.now().plusSeconds(120),
					daemons);
			coordinator.send(down);
			coordinator.await(StepSucceeded.class, s -> s.commandId().equals(down.commandId()), WAIT);
			Awaitility.await().atMost(WAIT).until(() -> !alive(again) && !alive(keeper));
		}
		finally {
			for (String name : List.of("keeper", "victim")) {
				ReadinessWaiter.readPid(pidFile(name)).stream()
					.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
			}
		}
	}

	/**
	 * After a reboot nothing of the generation runs and nothing failed: the agent starts it again without a
	 * {@code ProcessFailed}, which inside a health window would roll the network back. The reboot is simulated: the
	 * agent is killed, so is its daemon, and the boot id it recorded is not this boot's.
	 */
	@Test
	void afterAMachineRestartTheAgentStartsItsDaemonAgainWithoutReportingAFailure() throws Exception {
		Registered first = startAgent(Instant.EPOCH);
		locked();
		List<Mapping> daemons = List.of(daemon("survivor"));
		activated(daemons);
		OptionalLong before = ReadinessWaiter.readPid(pidFile("survivor"));
		Path bootId = agents.stateDir("alpha").resolve("boot-id");
		String thisBoot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
		assertThat(Files.readString(bootId).strip()).isEqualTo(thisBoot);
		try {
			agent.kill9();
			ProcessHandle.of(before.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
			Awaitility.await().atMost(WAIT).until(() -> !alive(before));
			Files.writeString(bootId, "00000000-0000-0000-0000-000000000000\n");

			int eventsBefore = coordinator.received().size();
			startAgent(first.startedAt());
			Awaitility.await().atMost(WAIT).until(() -> alive(ReadinessWaiter.readPid(pidFile("survivor"))));
			// reconciliation runs before the first command, and the agent's events share one partition: once this
			// command is answered, a report of the restart would have arrived
			locked();
			List<nixproc.events.Envelope> received = coordinator.received();
			assertThat(received.subList(eventsBefore, received.size()).stream().map(EventCodec::agentEvent))
				.noneMatch(ProcessFailed.class::isInstance);
			assertThat(Files.readString(bootId).strip()).as("this boot, recorded once reconciled").isEqualTo(thisBoot);

			Deactivate down = new Deactivate(TestCommands.id(), "d1", "down", 5, "alpha", Instant.now().plusSeconds(120),
					daemons);
			coordinator.send(down);
			coordinator.await(StepSucceeded.class, s -> s.commandId().equals(down.commandId()), WAIT);
		}
		finally {
			ReadinessWaiter.readPid(pidFile("survivor")).stream()
				.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		}
	}

	/**
	 * Issue 17 item 10: a crash with the newest generation's writes not yet on disk leaves its manifest cut short. The
	 * restarted agent sets that generation aside (quarantine) and goes on: a later activation succeeds. Before, every
	 * command that read the generations failed on it.
	 */
	@Test // #17
	void aGenerationCutShortByACrashIsQuarantinedAndTheRestartedAgentActivatesAgain() throws Exception {
		Registered first = startAgent(Instant.EPOCH);
		locked();
		activated(List.of(daemon("cut")));
		OptionalLong cut = ReadinessWaiter.readPid(pidFile("cut"));
		Path profile = GenerationStore.profileDir(agents.stateDir("alpha").resolve("var"), SwitchingActivator.PROFILE);
		int newest = new GenerationStore(profile).current().orElseThrow().number();
		try {
			agent.kill9();
			ProcessHandle.of(cut.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
			Path manifest = profile.resolve(Integer.toString(newest)).resolve("generation.json");
			String text = Files.readString(manifest);
			Files.writeString(manifest, text.substring(0, text.length() / 3));

			startAgent(first.startedAt());
			locked();
			Activate again = new Activate(TestCommands.id(), "d1", "wave-2", 5, "alpha", Instant.now().plusSeconds(120),
					List.of(daemon("after")));
			coordinator.send(again);
			coordinator.await(StepSucceeded.class, s -> s.commandId().equals(again.commandId()), WAIT);
			assertThat(alive(ReadinessWaiter.readPid(pidFile("after")))).isTrue();
			try (var quarantined = Files.list(profile.resolve("quarantine"))) {
				assertThat(quarantined.map(p -> p.getFileName().toString())).singleElement()
					.asString()
					.startsWith(newest + "-");
			}
		}
		finally {
			for (String name : List.of("cut", "after")) {
				ReadinessWaiter.readPid(pidFile(name)).stream()
					.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
			}
		}
	}

	/** Locks alpha for deployment d1 (or renews the lock) and waits for the answer. */
	private Lock locked() {
		Lock lock = TestCommands.lock("alpha", "d1", Instant.now().plusSeconds(300));
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
		return lock;
	}

	/** Activates the mappings on alpha as generation 4 of d1 and waits for the answer. */
	private Activate activated(List<Mapping> mappings) {
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 4, "alpha", Instant.now().plusSeconds(120),
				mappings);
		coordinator.send(activate);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		return activate;
	}

	private static Mapping daemon(String name) {
		return new Mapping(name, 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": "
				+ "[\"600\"]}"), JSON.createObjectNode());
	}

	private Path pidFile(String name) {
		return agents.stateDir("alpha").resolve("var/run/" + name + ".pid");
	}

	private static boolean alive(OptionalLong pid) {
		return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
	}

}

package nixproc.agent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import nixproc.agent.command.SwitchingActivator;
import nixproc.events.Activate;
import nixproc.events.Deactivate;
import nixproc.events.Lock;
import nixproc.events.Mapping;
import nixproc.events.MappingResult;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;
import nixproc.profile.GenerationStore;
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
 * Activation through an agent with real processes on a real process manager, driven over a real broker. Written once;
 * each backend is a subclass naming its process manager (style G15).
 */
@ExtendWith(IntegrationServicesExtension.class)
abstract class ActivationContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dirs;

	TestCoordinator coordinator;

	TestAgents agents;

	/** The {@code processManager} of the agents under test. */
	abstract String processManager();

	@BeforeEach
	void setUp(TestKafka kafka) {
		coordinator = new TestCoordinator(kafka.bootstrapServers(), kafka.namespace());
		agents = new TestAgents(kafka.bootstrapServers(), kafka.namespace(), coordinator.commands.publicKey(), dirs)
			.withRealActivation();
	}

	@AfterEach
	void tearDown() throws Exception {
		try {
			if (current("alpha").isPresent()) {
				Deactivate all = new Deactivate(TestCommands.id(), "d1", "cleanup", 9, "alpha", inAMinute(),
						current("alpha").get().stream().map(name -> sleeper(name, 0)).toList());
				coordinator.send(all);
				coordinator.await(StepSucceeded.class, s -> s.commandId().equals(all.commandId()), WAIT);
			}
		}
		finally {
			agents.close();
			coordinator.close();
			stopManager(agents.stateDir("alpha").resolve("var/nixproc/profiles/" + SwitchingActivator.PROFILE));
			// a sleeper of this test still running is a leak: remove it, then say so
			List<ProcessHandle> leaked = ProcessHandle.allProcesses().filter(ActivationContract::ours).toList();
			leaked.forEach(ProcessHandle::destroyForcibly);
			assertThat(leaked).extracting(p -> p.info().commandLine().orElse("?")).as("processes left running").isEmpty();
		}
	}

	private static boolean ours(ProcessHandle process) {
		String command = process.info().commandLine().orElse("");
		if (!command.matches(".*sleep [0-9]+")) {
			return false;
		}
		long n = Long.parseLong(command.substring(command.lastIndexOf(' ') + 1));
		return n >= RUN && n < RUN + 1_000_000 && (n - RUN) % 1000 == 0;
	}

	/** Stops a process manager the backend runs per profile (supervisord); nothing for script-based ones. */
	void stopManager(Path profileDir) throws Exception {
	}

	Optional<List<String>> current(String target) {
		return new GenerationStore(GenerationStore.profileDir(agents.stateDir(target).resolve("var"),
				SwitchingActivator.PROFILE)).current()
			.map(g -> g.manifest().instances().stream().map(i -> i.name()).toList())
			.filter(names -> !names.isEmpty());
	}

	static Instant inAMinute() {
		return Instant.now().plusSeconds(60);
	}

	/** A sleeper with a seconds argument no other process has, so that the test can find its process. */
	Mapping sleeper(String name, int order) {
		return new Mapping(name, order, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\":"
				+ " [\"" + marker(name) + "\"]" + readiness() + "}"), JSON.readTree("{\"role\": \"test\"}"));
	}

	/** Extra managed-process JSON for readiness; none by default: the switch then waits for the PID file. */
	String readiness() {
		return "";
	}

	private static final long RUN = 100_000 + ThreadLocalRandom.current().nextInt(800_000);

	static String marker(String name) {
		return Long.toString(RUN + Math.abs(name.hashCode() % 1000) * 1000L);
	}

	static Optional<ProcessHandle> process(String name) {
		return ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().orElse("").endsWith("sleep " + marker(name)))
			.findFirst();
	}

	static Mapping quitter(String name, int order) {
		return new Mapping(name, order, JSON.readTree("{\"foregroundProcess\": \"/bin/sh\", \"foregroundProcessArgs\": "
				+ "[\"-c\", \"echo 'no frobnicator' >&2; exit 4\"]}"), JSON.createObjectNode());
	}

	/** The answer to a command, which must be success; otherwise the failure says why. */
	StepSucceeded succeeded(String commandId) {
		var answer = coordinator.awaitAnswer(commandId, java.time.Duration.ofSeconds(90));
		assertThat(answer).isInstanceOf(StepSucceeded.class);
		return (StepSucceeded) answer;
	}

	void lock(String target) {
		Lock lock = TestCommands.lock(target, "d1", inAMinute());
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
	}

	@Test
	void activatesABatchInOrderThenDeactivatesIt() {
		Agent alpha = agents.start("alpha", processManager());
		lock("alpha");
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(),
				List.of(sleeper("second", 1), sleeper("first", 0)));
		coordinator.send(activate);
		StepSucceeded done = succeeded(activate.commandId());
		assertThat(done.results()).extracting(MappingResult::service).containsExactly("first", "second");
		assertThat(done.results()).allMatch(MappingResult::succeeded);
		ProcessHandle first = process("first").orElseThrow();
		ProcessHandle second = process("second").orElseThrow();
		assertThat(first.info().startInstant().orElseThrow()).isBeforeOrEqualTo(second.info().startInstant().orElseThrow());
		assertThat(alpha.state().generation()).isEqualTo(5);

		Deactivate deactivate = new Deactivate(TestCommands.id(), "d1", "wave-2", 6, "alpha", inAMinute(),
				List.of(sleeper("first", 0), sleeper("second", 1)));
		coordinator.send(deactivate);
		StepSucceeded stopped = succeeded(deactivate.commandId());
		assertThat(stopped.results()).extracting(MappingResult::service).containsExactly("second", "first");
		Awaitility.await().atMost(WAIT).until(() -> !first.isAlive() && !second.isAlive());
	}

	/** The answer comes only once the declared probe passes, and says how long that took. */
	@Test
	void theAnswerWaitsForTheReadinessProbe() {
		agents.start("alpha", processManager());
		lock("alpha");
		Path ready = dirs.resolve("slow-is-ready");
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(), List.of(
				new Mapping("slow", 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sh\", \"foregroundProcessArgs\": "
						+ "[\"-c\", \"sleep 2; touch '" + ready + "'; exec sleep " + marker("slow") + "\"], "
						+ "\"readiness\": {\"command\": [\"test\", \"-f\", \"" + ready + "\"], \"timeout\": 30}}"),
						JSON.createObjectNode())));
		coordinator.send(activate);
		StepSucceeded done = succeeded(activate.commandId());
		assertThat(ready).as("the probe's condition when the answer came").exists();
		// supervisord's own start command waits out its startsecs, so part of the 2 s may be command time
		assertThat(done.results()).singleElement()
			.satisfies(r -> assertThat(r.commandMillis() + r.readinessMillis()).isGreaterThanOrEqualTo(1500));
		assertThat(process("slow")).isPresent();
	}

	@Test
	void aFailingMappingFailsTheStepWithItsLogAndTakesBackTheWholeBatch() {
		Agent alpha = agents.start("alpha", processManager());
		lock("alpha");
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(),
				List.of(sleeper("first", 0), quitter("bad", 1)));
		coordinator.send(activate);
		StepFailed failed = coordinator.await(StepFailed.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		assertThat(failed.reason()).startsWith("bad: ");
		assertThat(failed.results()).filteredOn(r -> r.service().equals("bad"))
			.singleElement()
			.satisfies(r -> assertThat(r.succeeded()).isFalse());
		assertThat(alpha.state().generation()).isZero();
		// the batch's first level ran and was taken back
		assertThat(current("alpha")).isEmpty();
		Awaitility.await().atMost(WAIT).until(() -> process("first").isEmpty());
	}

	@Test
	void aMappingThatFailsValidationFailsTheStepNamingTheField() {
		agents.start("alpha", processManager());
		lock("alpha");
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(), List.of(
				new Mapping("broken", 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", \"nice\": \"very\"}"),
						JSON.createObjectNode())));
		coordinator.send(activate);
		StepFailed failed = coordinator.await(StepFailed.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		assertThat(failed.reason()).startsWith("invalid mapping: ").contains("/broken/pkg/nice");
	}

}

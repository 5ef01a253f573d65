package nixproc.agent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import nixproc.agent.command.SwitchingActivator;
import nixproc.events.Activate;
import nixproc.events.Deactivate;
import nixproc.events.Lock;
import nixproc.events.Mapping;
import nixproc.events.MappingResult;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;
import nixproc.generation.Generation;
import nixproc.generation.GenerationStore;
import nixproc.readiness.ReadinessWaiter;
import nixproc.testsupport.IntegrationServicesExtension;
import nixproc.testsupport.TestKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static nixproc.agent.TestAgents.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Activation through the agent with real sysvinit-style processes, driven over a real broker. */
@ExtendWith(IntegrationServicesExtension.class)
class ActivationKafkaTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dirs;

	private TestCoordinator coordinator;

	private TestAgents agents;

	@BeforeEach
	void setUp(TestKafka kafka) {
		coordinator = new TestCoordinator(kafka.bootstrapServers(), kafka.namespace());
		agents = new TestAgents(kafka.bootstrapServers(), kafka.namespace(), coordinator.commands.publicKey(), dirs)
			.withRealActivation();
	}

	@AfterEach
	void tearDown() {
		// leave nothing running: deactivate whatever the test activated
		try {
			if (running("alpha")) {
				Deactivate all = new Deactivate(TestCommands.id(), "d1", "cleanup", 9, "alpha", inAMinute(),
						List.of(sleeper("first", 0), sleeper("second", 1), quitter("bad", 1)));
				coordinator.send(all);
				coordinator.await(StepSucceeded.class, s -> s.commandId().equals(all.commandId()), WAIT);
			}
		}
		finally {
			agents.close();
			coordinator.close();
		}
	}

	private boolean running(String target) {
		return new GenerationStore(GenerationStore.profileDir(agents.stateDir(target).resolve("var"),
				SwitchingActivator.PROFILE)).current().isPresent();
	}

	private static Instant inAMinute() {
		return Instant.now().plusSeconds(60);
	}

	private static Mapping sleeper(String name, int order) {
		return new Mapping(name, order,
				JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"600\"]}"),
				JSON.readTree("{\"role\": \"test\"}"));
	}

	private static Mapping quitter(String name, int order) {
		return new Mapping(name, order, JSON.readTree("{\"foregroundProcess\": \"/bin/sh\", \"foregroundProcessArgs\": "
				+ "[\"-c\", \"echo 'no frobnicator' >&2; exit 4\"]}"), JSON.createObjectNode());
	}

	private void lock() {
		Lock lock = TestCommands.lock("alpha", "d1", inAMinute());
		coordinator.send(lock);
		coordinator.await(StepSucceeded.class, s -> s.commandId().equals(lock.commandId()), WAIT);
	}

	private OptionalLong pid(String instance) {
		Generation current = new GenerationStore(GenerationStore.profileDir(agents.stateDir("alpha").resolve("var"),
				SwitchingActivator.PROFILE)).current().orElseThrow();
		return current.manifest().instance(instance).flatMap(i -> i.pidFile()).map(f -> ReadinessWaiter.readPid(Path.of(f)))
			.orElse(OptionalLong.empty());
	}

	private static boolean alive(OptionalLong pid) {
		return pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
	}

	@Test
	void activatesABatchInOrderThenDeactivatesIt() {
		Agent alpha = agents.start("alpha");
		lock();
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(),
				List.of(sleeper("second", 1), sleeper("first", 0)));
		coordinator.send(activate);
		StepSucceeded done = coordinator.await(StepSucceeded.class, s -> s.commandId().equals(activate.commandId()),
				WAIT);
		assertThat(done.results()).extracting(MappingResult::service).containsExactly("first", "second");
		assertThat(done.results()).allMatch(MappingResult::succeeded);
		OptionalLong first = pid("first");
		OptionalLong second = pid("second");
		assertThat(alive(first)).isTrue();
		assertThat(alive(second)).isTrue();
		assertThat(alpha.state().generation()).isEqualTo(5);

		Deactivate deactivate = new Deactivate(TestCommands.id(), "d1", "wave-2", 6, "alpha", inAMinute(),
				List.of(sleeper("first", 0), sleeper("second", 1)));
		coordinator.send(deactivate);
		StepSucceeded stopped = coordinator.await(StepSucceeded.class,
				s -> s.commandId().equals(deactivate.commandId()), WAIT);
		assertThat(stopped.results()).extracting(MappingResult::service).containsExactly("second", "first");
		org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !alive(first) && !alive(second));
	}

	@Test
	void aFailingMappingFailsTheStepWithItsLogAndTakesBackTheWholeBatch() {
		Agent alpha = agents.start("alpha");
		lock();
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(),
				List.of(sleeper("first", 0), quitter("bad", 1)));
		coordinator.send(activate);
		StepFailed failed = coordinator.await(StepFailed.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		assertThat(failed.reason()).startsWith("bad: ");
		assertThat(failed.results()).filteredOn(r -> r.service().equals("bad"))
			.singleElement()
			.satisfies(r -> {
				assertThat(r.succeeded()).isFalse();
				assertThat(r.logTail()).contains("no frobnicator");
			});
		assertThat(alpha.state().generation()).isZero();
		// the batch's first level ran and was taken back: nothing of it is current
		var store = new GenerationStore(GenerationStore.profileDir(agents.stateDir("alpha").resolve("var"),
				SwitchingActivator.PROFILE));
		assertThat(store.current().map(g -> g.manifest().instances().size()).orElse(0)).isZero();
	}

	@Test
	void aMappingThatFailsValidationFailsTheStepNamingTheField() {
		agents.start("alpha");
		lock();
		Activate activate = new Activate(TestCommands.id(), "d1", "wave-1", 5, "alpha", inAMinute(), List.of(
				new Mapping("broken", 0, JSON.readTree("{\"foregroundProcess\": \"/bin/sleep\", \"nice\": \"very\"}"),
						JSON.createObjectNode())));
		coordinator.send(activate);
		StepFailed failed = coordinator.await(StepFailed.class, s -> s.commandId().equals(activate.commandId()), WAIT);
		assertThat(failed.reason()).startsWith("invalid mapping: ").contains("/broken/pkg/nice");
	}

}

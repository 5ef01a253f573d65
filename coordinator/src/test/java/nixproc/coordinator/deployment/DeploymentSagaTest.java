package nixproc.coordinator.deployment;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

import nixproc.coordinator.deployment.DeploymentEvent.DeploymentCommitted;
import nixproc.coordinator.deployment.DeploymentEvent.DeploymentFailed;
import nixproc.coordinator.deployment.DeploymentEvent.DeploymentRolledBack;
import nixproc.coordinator.deployment.DeploymentEvent.RollbackFailed;
import nixproc.coordinator.deployment.DeploymentEvent.RollbackStarted;
import nixproc.coordinator.deployment.DeploymentEvent.TransitionStarted;
import nixproc.coordinator.plan.Manifest;
import nixproc.coordinator.plan.Manifests;
import nixproc.coordinator.plan.Models;
import nixproc.coordinator.plan.Plan;
import nixproc.coordinator.plan.Planner;
import nixproc.events.Activate;
import nixproc.events.Command;
import nixproc.events.Deactivate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static nixproc.coordinator.deployment.DeploymentStatus.ACTIVATING;
import static nixproc.coordinator.deployment.DeploymentStatus.COMMITTED;
import static nixproc.coordinator.deployment.DeploymentStatus.DEACTIVATING;
import static nixproc.coordinator.deployment.DeploymentStatus.FAILED;
import static nixproc.coordinator.deployment.DeploymentStatus.LOCKING;
import static nixproc.coordinator.deployment.DeploymentStatus.ROLLBACK_FAILED;
import static nixproc.coordinator.deployment.DeploymentStatus.ROLLED_BACK;
import static nixproc.coordinator.deployment.DeploymentStatus.ROLLING_BACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The step list of {@link DeploymentSaga}, scenario by scenario, on the two-target model of the planning tests:
 * db on a; cache and web on b; web depends on db (across targets) and cache.
 */
class DeploymentSagaTest {

	static Manifest manifest(String dbArg) {
		return Manifests.build(Models.webAndDb(dbArg, "1"), Map.of("ports", Map.of("db", 5000L)));
	}

	static final Plan FIRST = Planner.plan(Manifest.EMPTY, manifest("1"));

	static final Plan CHANGE_DB = Planner.plan(manifest("1"), manifest("2"));

	static final Plan UNDEPLOY = Planner.plan(manifest("1"), Manifest.EMPTY);

	static final Plan NOTHING = Planner.plan(manifest("1"), manifest("1"));

	@Test
	void firstDeploymentLocksActivatesInWavesCommitsAndUnlocks() {
		SagaScenario.given(FIRST)
			.expectStatus(LOCKING)
			.expect("LOCK a", "LOCK b")
			.succeed("a", "b")
			.expectStatus(ACTIVATING)
			.expectEvent(TransitionStarted.class)
			.expect("ACTIVATE a db", "ACTIVATE b cache")
			.succeed("a")
			.expect()
			.succeed("b")
			.expect("ACTIVATE b web")
			.succeed("b")
			.expectStatus(COMMITTED)
			.expectEvent(DeploymentCommitted.class)
			.expect("UNLOCK a", "UNLOCK b")
			.succeed("a", "b")
			.expectStatus(COMMITTED)
			.expect();
	}

	@Test
	void answersToUnlocksAfterTheEndAreRecordedWithoutChangingTheOutcome() {
		SagaScenario s = SagaScenario.given(FIRST)
			.expect("LOCK a", "LOCK b")
			.fail("a", "locked by d-0")
			.succeed("b")
			.expect("UNLOCK b")
			.succeed("b")
			.expectStatus(FAILED);
		assertThat(s.data().steps()).allSatisfy(step -> assertThat(step.running()).isFalse());
	}

	@Test
	void aRefusedLockUnlocksTheOthersAndFailsWithoutChangingAnything() {
		SagaScenario.given(FIRST)
			.expect("LOCK a", "LOCK b")
			.fail("a", "locked by d-0")
			.expect()
			.succeed("b")
			.expectStatus(FAILED)
			.expectEvent(DeploymentFailed.class)
			.expect("UNLOCK b");
	}

	@Test
	void aLockWithoutAnswerTimesOut() {
		SagaScenario s = SagaScenario.given(FIRST).expect("LOCK a", "LOCK b").succeed("a").timeout();
		s.expectStatus(FAILED).expect("UNLOCK a", "UNLOCK b");
		assertThat(s.data().failure()).hasValueSatisfying(f -> assertThat(f).contains("no answer from b"));
	}

	@Test
	void aFailureInTheSecondWaveUndoesTheFirstAndEndsRolledBack() {
		SagaScenario.given(FIRST)
			.succeed("a", "b")
			.expect("LOCK a", "LOCK b", "ACTIVATE a db", "ACTIVATE b cache")
			.succeed("a", "b")
			.expect("ACTIVATE b web")
			.fail("b", "web: exited with 3")
			.expectStatus(ROLLING_BACK)
			.expectEvent(RollbackStarted.class)
			.expect("DEACTIVATE a db", "DEACTIVATE b cache")
			.succeed("a", "b")
			.expectStatus(ROLLED_BACK)
			.expectEvent(DeploymentRolledBack.class)
			.expect("UNLOCK a", "UNLOCK b");
	}

	@Test
	void aFailureInAWaveWaitsForTheOtherTargetsAnswerThenUndoesOnlyWhatSucceeded() {
		SagaScenario.given(FIRST)
			.succeed("a", "b")
			.expect("LOCK a", "LOCK b", "ACTIVATE a db", "ACTIVATE b cache")
			.fail("b", "cache: port taken")
			.expectStatus(ACTIVATING)
			.expect()
			.succeed("a")
			.expectStatus(ROLLING_BACK)
			.expect("DEACTIVATE a db");
	}

	/** Every (de)activation, undo steps included, carries its target's bound; locks and unlocks carry none. */
	@Test
	void activationsAndTheirUndoCarryTheirTargetsParallelism() {
		Plan first = Planner.plan(Manifest.EMPTY, Manifests.build(Models.webAndDb("1", "1", 3), Map.of("ports",
				Map.of("db", 5000L))));
		SagaScenario s = SagaScenario.requested().start(first, 2)
			.succeed("a", "b")
			.expect("LOCK a", "LOCK b", "ACTIVATE a db", "ACTIVATE b cache")
			.fail("b", "cache: port taken")
			.succeed("a")
			.expectStatus(ROLLING_BACK)
			.expect("DEACTIVATE a db");
		Map<String, OptionalInt> bound = new TreeMap<>();
		for (Command c : s.sent()) {
			OptionalInt parallelism = c instanceof Activate a ? a.parallelism()
					: c instanceof Deactivate d ? d.parallelism() : OptionalInt.empty();
			bound.merge(SagaScenario.describe(c), parallelism, (x, y) -> x);
		}
		assertThat(bound).isEqualTo(Map.of("LOCK a", OptionalInt.empty(), "LOCK b", OptionalInt.empty(),
				"ACTIVATE a db", OptionalInt.of(2), "ACTIVATE b cache", OptionalInt.of(1), "DEACTIVATE a db",
				OptionalInt.of(2)));
	}

	@Test
	void whenNothingHadSucceededTheDeploymentFailsInsteadOfRollingBack() {
		SagaScenario.given(FIRST)
			.succeed("a", "b")
			.expect("LOCK a", "LOCK b", "ACTIVATE a db", "ACTIVATE b cache")
			.fail("a", "db: bad")
			.fail("b", "cache: bad")
			.expectStatus(FAILED)
			.expect("UNLOCK a", "UNLOCK b");
	}

	@Test
	void changingADependencyStopsDependentsFirstStartsDependenciesFirst() {
		SagaScenario.given(CHANGE_DB)
			.succeed("a", "b")
			.expectStatus(DEACTIVATING)
			.expect("LOCK a", "LOCK b", "DEACTIVATE b web")
			.succeed("b")
			.expect("DEACTIVATE a db")
			.succeed("a")
			.expectStatus(ACTIVATING)
			.expect("ACTIVATE a db")
			.succeed("a")
			.expect("ACTIVATE b web")
			.succeed("b")
			.expectStatus(COMMITTED);
	}

	@Test
	void aFailedActivationAfterDeactivationsReactivatesThePreviousGenerationInDependencyOrder() {
		SagaScenario.given(CHANGE_DB)
			.succeed("a", "b")
			.succeed("b")
			.succeed("a")
			.succeed("a")
			.expect("LOCK a", "LOCK b", "DEACTIVATE b web", "DEACTIVATE a db", "ACTIVATE a db", "ACTIVATE b web")
			.fail("b", "web: not ready")
			.expectStatus(ROLLING_BACK)
			.expect("DEACTIVATE a db")
			.succeed("a")
			.expect("ACTIVATE a db")
			.succeed("a")
			.expect("ACTIVATE b web")
			.succeed("b")
			.expectStatus(ROLLED_BACK);
	}

	@Test
	void aFailingUndoStepEndsRollbackFailedLoudlyAfterTryingTheRest() {
		SagaScenario s = SagaScenario.given(CHANGE_DB)
			.succeed("a", "b")
			.succeed("b")
			.succeed("a")
			.succeed("a")
			.fail("b", "web: not ready")
			.succeed("a")
			.fail("a", "db: will not start")
			.expect("LOCK a", "LOCK b", "DEACTIVATE b web", "DEACTIVATE a db", "ACTIVATE a db", "ACTIVATE b web",
					"DEACTIVATE a db", "ACTIVATE a db", "ACTIVATE b web")
			.succeed("b")
			.expectStatus(ROLLBACK_FAILED)
			.expectEvent(RollbackFailed.class)
			.expect("UNLOCK a", "UNLOCK b");
		assertThat(s.data().failure()).hasValueSatisfying(f -> assertThat(f).contains("web: not ready")
			.contains("ROLLBACK FAILED")
			.contains("db: will not start"));
	}

	@Test
	void aTimedOutActivationIsNotUndoneBecauseItsCommandExpiredWithIt() {
		SagaScenario s = SagaScenario.given(FIRST).succeed("a", "b").succeed("a", "b").expect(
				"LOCK a", "LOCK b", "ACTIVATE a db", "ACTIVATE b cache", "ACTIVATE b web");
		Command web = s.outstanding().get(0);
		assertThat(web.expiry()).isEqualTo(s.data().steps()
			.stream()
			.filter(st -> st.running())
			.findFirst()
			.orElseThrow()
			.startedAt()
			.orElseThrow()
			.plus(SagaScenario.TIMEOUT));
		s.timeout().expectStatus(ROLLING_BACK).expect("DEACTIVATE a db", "DEACTIVATE b cache");
		s.replyTo(web.commandId(), "b");
	}

	@Test
	void aFailedFirstDeactivationWaveChangedNothing() {
		SagaScenario.given(CHANGE_DB).succeed("a", "b").fail("b", "web: will not stop").expectStatus(FAILED);
	}

	@Test
	void aFailedSecondDeactivationWaveReactivatesTheFirst() {
		SagaScenario.given(CHANGE_DB)
			.succeed("a", "b")
			.succeed("b")
			.fail("a", "db: will not stop")
			.expectStatus(ROLLING_BACK)
			.expect("LOCK a", "LOCK b", "DEACTIVATE b web", "DEACTIVATE a db", "ACTIVATE b web");
	}

	@Test
	void undeployingEverythingCommitsAfterDeactivating() {
		SagaScenario.given(UNDEPLOY)
			.succeed("a", "b")
			.expect("LOCK a", "LOCK b", "DEACTIVATE b cache,web")
			.succeed("b")
			.expect("DEACTIVATE a db")
			.succeed("a")
			.expectStatus(COMMITTED);
	}

	@Test
	void aPlanThatChangesNothingCommitsAtOnceWithoutCommands() {
		SagaScenario.given(NOTHING).expectStatus(COMMITTED).expect();
		SagaScenario.requested().assigningIds().start(NOTHING).expectStatus(COMMITTED).expect();
	}

	@Test
	void idsAssignedThenLockingOrIdsRefused() {
		SagaScenario.requested().assigningIds().start(FIRST).expectStatus(LOCKING).expect("LOCK a", "LOCK b");
		SagaScenario.requested().assigningIds().refuse("pool ports depleted").expectStatus(FAILED).expect();
		SagaScenario.requested().refuse("the model names an unknown target").expectStatus(FAILED).expect();
	}

	@Test
	void duplicateLateAndForeignAnswersChangeNothing() {
		SagaScenario s = SagaScenario.given(FIRST);
		Command lockA = s.outstanding().stream().filter(c -> c.target().equals("a")).findFirst().orElseThrow();
		s.succeed("a");
		s.replyTo(lockA.commandId(), "a");
		s.replyTo("d-1/p9-lock-a", "a");
		s.replyTo(s.outstanding().get(0).commandId(), "not-b");
		s.expectStatus(LOCKING);
	}

	@Test
	void commandIdsAreDerivedFromTheStepSoAResentCommandIsTheSameCommand() {
		SagaScenario s = SagaScenario.given(FIRST);
		assertThat(s.outstanding()).extracting(Command::commandId).containsExactlyInAnyOrder("d-1/p0-lock-a",
				"d-1/p0-lock-b");
		assertThat(s.outstanding()).allSatisfy(c -> assertThat(c.generation()).isEqualTo(7));
	}

	@Test
	void anEdgeOutsideTheDiagramIsRefused() {
		SagaScenario s = SagaScenario.given(NOTHING);
		assertThatThrownBy(() -> s.refuse("too late")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("COMMITTED -> FAILED");
	}

	/** How many of this class's tests ran: the edge check below holds only for all of them together. */
	static final java.util.concurrent.atomic.AtomicInteger RAN = new java.util.concurrent.atomic.AtomicInteger();

	@org.junit.jupiter.api.AfterEach
	void countOneMore() {
		RAN.incrementAndGet();
	}

	/** Once every scenario has run (not when one is run alone, e.g. with -Dtest=DeploymentSagaTest#…). */
	@AfterAll
	static void everyEdgeOfTheDiagramWasWalked() {
		long tests = java.util.Arrays.stream(DeploymentSagaTest.class.getDeclaredMethods())
			.filter(m -> m.isAnnotationPresent(Test.class))
			.count();
		if (RAN.get() < tests) {
			return;
		}
		TreeSet<String> all = new TreeSet<>();
		for (DeploymentStatus from : DeploymentStatus.values()) {
			from.next().forEach(to -> all.add(from + "->" + to));
		}
		assertThat(new TreeSet<>(SagaScenario.EDGES)).isEqualTo(all);
	}

}

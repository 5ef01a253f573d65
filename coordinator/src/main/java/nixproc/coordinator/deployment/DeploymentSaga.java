package nixproc.coordinator.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import nixproc.coordinator.deployment.DeploymentEvent.DeploymentCommitted;
import nixproc.coordinator.deployment.DeploymentEvent.DeploymentFailed;
import nixproc.coordinator.deployment.DeploymentEvent.DeploymentRolledBack;
import nixproc.coordinator.deployment.DeploymentEvent.RollbackFailed;
import nixproc.coordinator.deployment.DeploymentEvent.RollbackStarted;
import nixproc.coordinator.deployment.DeploymentEvent.StepCompleted;
import nixproc.coordinator.deployment.DeploymentEvent.TransitionStarted;
import nixproc.coordinator.plan.Batch;
import nixproc.coordinator.plan.Plan;
import nixproc.events.Activate;
import nixproc.events.Command;
import nixproc.events.Deactivate;
import nixproc.events.Lock;
import nixproc.events.StepKind;
import nixproc.events.Unlock;

/**
 * The deployment transaction as a step list with compensations (style G11, architecture §6), without I/O: each
 * method takes the saga data and an event and returns the {@link Transition} — new data, commands, domain events.
 *
 * <pre>
 * step                         compensation
 * assign IDs (driver, HTTP)    —  (id-service keeps them; the next deployment prunes)
 * lock every involved target   unlock
 * deactivate obsolete, waves   reactivate, waves in reverse
 * activate new, waves          deactivate, waves in reverse
 * commit generation N+1        —
 * unlock                       —  (fire and forget: the lock lease ends anyway)
 * </pre>
 *
 * A phase ends when every step in it has answered or timed out; only then is the next phase, or the undo, started,
 * so no command is still in flight when compensation decides what to undo. A step that timed out is treated as not
 * done: its command carried the step's deadline as expiry, so an agent that gets it later refuses it.
 */
public final class DeploymentSaga {

	private DeploymentSaga() {
	}

	public static SagaData requested(String deploymentId, long generation, Duration stepTimeout) {
		return new SagaData(deploymentId, generation, DeploymentStatus.REQUESTED, List.of(), 0, -1, stepTimeout,
				Optional.empty(), Map.of());
	}

	public static Transition assigningIds(SagaData d) {
		return new Transition(d.with(DeploymentStatus.ASSIGNING_IDS, d.steps(), 0, Optional.empty()), List.of(),
				List.of());
	}

	/** Nothing has been sent: the deployment fails without touching a target. */
	public static Transition refuse(SagaData d, String reason) {
		return new Transition(d.with(DeploymentStatus.FAILED, d.steps(), 0, Optional.of(reason)), List.of(),
				List.of(new DeploymentFailed(d.deploymentId(), d.generation(), reason)));
	}

	/** @param parallelism target → how many instances of a batch it (de)activates at once ({@link Plan#parallelism}) */
	public static Transition start(SagaData d, Plan plan, Map<String, Integer> parallelism, Instant now) {
		if (plan.changesNothing()) {
			return new Transition(d.with(DeploymentStatus.COMMITTED, List.of(), 0, Optional.empty()), List.of(),
					List.of(new DeploymentCommitted(d.deploymentId(), d.generation())));
		}
		List<Step> steps = new ArrayList<>();
		plan.involvedTargets().forEach(t -> steps.add(Step.pending(StepKind.LOCK, t, List.of(), 0, false)));
		int phase = 1;
		for (List<Batch> wave : plan.deactivation()) {
			for (Batch b : wave) {
				steps.add(Step.pending(StepKind.DEACTIVATE, b.target(), b.mappings(), phase, false));
			}
			phase++;
		}
		for (List<Batch> wave : plan.activation()) {
			for (Batch b : wave) {
				steps.add(Step.pending(StepKind.ACTIVATE, b.target(), b.mappings(), phase, false));
			}
			phase++;
		}
		SagaData data = new SagaData(d.deploymentId(), d.generation(), d.status(), steps, 0, phase - 1,
				d.stepTimeout(), Optional.empty(), parallelism).with(DeploymentStatus.LOCKING, steps, 0, Optional.empty());
		return issue(data, now, new ArrayList<>());
	}

	public static Transition onReply(SagaData d, StepReply reply, Instant now) {
		List<Step> steps = new ArrayList<>(d.steps());
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			if (step.running() && step.commandId(d.deploymentId()).equals(reply.commandId())
					&& step.target().equals(reply.target())) {
				Step done = step.finished(reply.succeeded() ? Step.Status.SUCCEEDED : Step.Status.FAILED, now,
						reply.succeeded() ? Optional.empty() : Optional.of(reply.reason().orElse("failed")));
				steps.set(i, done);
				List<DeploymentEvent> events = new ArrayList<>();
				events.add(completed(d, done));
				return progress(d.with(d.status(), steps, d.phase(), d.failure()), now, events);
			}
		}
		// an answer for a step that is not running: a duplicate, a late answer after a timeout, or a stranger's
		return new Transition(d, List.of(), List.of());
	}

	public static Transition onTick(SagaData d, Instant now) {
		List<Step> steps = new ArrayList<>(d.steps());
		List<DeploymentEvent> events = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			if (step.running() && step.startedAt().orElseThrow().plus(d.stepTimeout()).isBefore(now)) {
				Step done = step.finished(Step.Status.TIMED_OUT, now,
						Optional.of("no answer from " + step.target() + " within " + d.stepTimeout().toSeconds() + " s"));
				steps.set(i, done);
				events.add(completed(d, done));
			}
		}
		if (events.isEmpty()) {
			return new Transition(d, List.of(), List.of());
		}
		return progress(d.with(d.status(), steps, d.phase(), d.failure()), now, events);
	}

	private static Transition progress(SagaData d, Instant now, List<DeploymentEvent> events) {
		List<Step> current = d.inPhase(d.phase());
		if (d.status().terminal() || current.stream().anyMatch(Step::running)) {
			return new Transition(d, List.of(), events);
		}
		Optional<Step> failed = current.stream().filter(DeploymentSaga::failed).findFirst();
		if (d.phase() <= d.lastForwardPhase()) {
			if (failed.isPresent()) {
				return compensate(d, failed.get().target() + ": " + failed.get().error().orElse("failed"), now, events);
			}
			int next = d.phase() + 1;
			if (next > d.lastForwardPhase()) {
				events.add(new DeploymentCommitted(d.deploymentId(), d.generation()));
				return unlock(d, DeploymentStatus.COMMITTED, d.failure(), now, events);
			}
			if (d.phase() == 0) {
				events.add(new TransitionStarted(d.deploymentId(), d.generation(),
						current.stream().map(Step::target).toList()));
			}
			DeploymentStatus status = d.inPhase(next).get(0).kind() == StepKind.DEACTIVATE
					? DeploymentStatus.DEACTIVATING : DeploymentStatus.ACTIVATING;
			return issue(d.with(status, d.steps(), next, d.failure()), now, events);
		}
		int next = d.phase() + 1;
		if (!d.inPhase(next).isEmpty()) {
			return issue(d.with(d.status(), d.steps(), next, d.failure()), now, events);
		}
		List<Step> undoFailures = d.steps().stream().filter(s -> s.compensation() && failed(s)).toList();
		if (undoFailures.isEmpty()) {
			events.add(new DeploymentRolledBack(d.deploymentId(), d.generation(), d.failure().orElse("")));
			return unlock(d, DeploymentStatus.ROLLED_BACK, d.failure(), now, events);
		}
		String reason = d.failure().orElse("") + "; ROLLBACK FAILED: " + String.join("; ",
				undoFailures.stream().map(s -> s.target() + " " + s.stepId() + ": " + s.error().orElse("")).toList());
		events.add(new RollbackFailed(d.deploymentId(), d.generation(), reason));
		return unlock(d, DeploymentStatus.ROLLBACK_FAILED, Optional.of(reason), now, events);
	}

	/** Undo every forward step that succeeded, last phase first, each (de)activation inverted. */
	private static Transition compensate(SagaData d, String reason, Instant now, List<DeploymentEvent> events) {
		List<Step> steps = new ArrayList<>(d.steps());
		int phase = d.lastForwardPhase() + 1;
		for (int forward = d.phase(); forward >= 1; forward--) {
			List<Step> undo = d.inPhase(forward)
				.stream()
				.filter(s -> s.status() == Step.Status.SUCCEEDED)
				.map(s -> Step.pending(s.kind() == StepKind.ACTIVATE ? StepKind.DEACTIVATE : StepKind.ACTIVATE,
						s.target(), s.mappings(), 0, true))
				.toList();
			if (!undo.isEmpty()) {
				int p = phase++;
				undo.forEach(s -> steps.add(Step.pending(s.kind(), s.target(), s.mappings(), p, true)));
			}
		}
		if (phase == d.lastForwardPhase() + 1) {
			events.add(new DeploymentFailed(d.deploymentId(), d.generation(), reason));
			return unlock(d.with(d.status(), steps, d.phase(), Optional.of(reason)), DeploymentStatus.FAILED,
					Optional.of(reason), now, events);
		}
		events.add(new RollbackStarted(d.deploymentId(), d.generation(), reason));
		return issue(d.with(DeploymentStatus.ROLLING_BACK, steps, d.lastForwardPhase() + 1, Optional.of(reason)), now,
				events);
	}

	/** Ends in {@code status} and sends unlocks to every target whose lock was not refused. */
	private static Transition unlock(SagaData d, DeploymentStatus status, Optional<String> failure, Instant now,
			List<DeploymentEvent> events) {
		List<Step> steps = new ArrayList<>(d.steps());
		int phase = steps.stream().mapToInt(Step::phase).max().orElse(0) + 1;
		d.inPhase(0)
			.stream()
			.filter(s -> s.kind() == StepKind.LOCK && s.status() != Step.Status.FAILED)
			.forEach(s -> steps.add(Step.pending(StepKind.UNLOCK, s.target(), List.of(), phase, false)));
		return issue(d.with(status, steps, phase, failure), now, events);
	}

	private static Transition issue(SagaData d, Instant now, List<DeploymentEvent> events) {
		List<Step> steps = new ArrayList<>(d.steps());
		List<Command> commands = new ArrayList<>();
		long lease = Math.max(60, d.stepTimeout().toSeconds() * 2 * (d.lastForwardPhase() + 2));
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			if (step.phase() == d.phase() && step.status() == Step.Status.PENDING) {
				Step started = step.started(now);
				steps.set(i, started);
				commands.add(command(d, started, now.plus(d.stepTimeout()), lease));
			}
		}
		return new Transition(d.with(d.status(), steps, d.phase(), d.failure()), commands, events);
	}

	private static Command command(SagaData d, Step s, Instant expiry, long lease) {
		String id = s.commandId(d.deploymentId());
		OptionalInt parallelism = d.parallelism().containsKey(s.target())
				? OptionalInt.of(d.parallelism().get(s.target())) : OptionalInt.empty();
		return switch (s.kind()) {
			case LOCK -> new Lock(id, d.deploymentId(), s.stepId(), d.generation(), s.target(), expiry, lease);
			case UNLOCK -> new Unlock(id, d.deploymentId(), s.stepId(), d.generation(), s.target(), expiry);
			case ACTIVATE -> new Activate(id, d.deploymentId(), s.stepId(), d.generation(), s.target(), expiry,
					s.mappings(), parallelism);
			case DEACTIVATE -> new Deactivate(id, d.deploymentId(), s.stepId(), d.generation(), s.target(), expiry,
					s.mappings(), parallelism);
		};
	}

	private static boolean failed(Step s) {
		return s.status() == Step.Status.FAILED || s.status() == Step.Status.TIMED_OUT;
	}

	private static StepCompleted completed(SagaData d, Step s) {
		return new StepCompleted(d.deploymentId(), s.stepId(), s.kind().name(), s.target(), s.status().name(),
				s.error().orElse(""));
	}

}

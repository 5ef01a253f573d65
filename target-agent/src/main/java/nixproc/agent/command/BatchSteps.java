package nixproc.agent.command;

import java.time.Instant;
import java.util.Optional;

import nixproc.agent.state.AgentState;
import nixproc.agent.state.InFlightStep;
import nixproc.agent.state.LockLease;
import nixproc.events.Command;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;

/**
 * What activation and deactivation share: both need the deployment to hold the target's lock (architecture §6 step 4
 * comes before 5), both record themselves in flight before touching the process manager, and both answer from the
 * activator's batch result.
 */
final class BatchSteps {

	private BatchSteps() {
	}

	static Optional<String> lockProblem(Command command, AgentState state, Instant now) {
		Optional<LockLease> held = state.lockAt(now);
		if (held.isEmpty()) {
			return Optional.of("target " + command.target() + " is not locked by deployment " + command.deploymentId());
		}
		if (!held.get().deploymentId().equals(command.deploymentId())) {
			return Optional.of("target " + command.target() + " is locked by deployment " + held.get().deploymentId());
		}
		return Optional.empty();
	}

	/**
	 * The answer to a step that was in flight when the agent died and is now delivered again: undo what it did
	 * and report it failed, so the coordinator compensates instead of trusting a half-done step.
	 */
	static Optional<Outcome> interrupted(Command command, AgentState state, Activator activator) {
		Optional<InFlightStep> step = state.inFlight().filter(s -> s.commandId().equals(command.commandId()));
		if (step.isEmpty()) {
			return Optional.empty();
		}
		Activator.BatchResult undone = activator.reconcile();
		String reason = "interrupted: the agent stopped during this step (started " + step.get().startedAt() + "); "
				+ undone.failure().map(f -> "undoing it failed: " + f).orElse("it was undone");
		return Optional.of(new Outcome(StepFailed.of(command, reason, java.util.List.of()),
				state.withInFlight(Optional.empty())));
	}

	static AgentState inFlight(Command command, AgentState state, Instant now,
			CommandHandler.StatePersister persist) {
		AgentState flying = state.withInFlight(Optional.of(new InFlightStep(command.commandId(),
				command.deploymentId(), command.stepId(), command.generation(), command.kind(), command.expiry(),
				now)));
		persist.save(flying);
		return flying;
	}

	static Outcome answer(Command command, AgentState flying, Activator.BatchResult result, boolean activation) {
		AgentState landed = flying.withInFlight(Optional.empty());
		if (!result.succeeded()) {
			return new Outcome(StepFailed.of(command, result.failure().orElseThrow(), result.results()), landed);
		}
		if (activation) {
			landed = landed.withGeneration(Math.max(landed.generation(), command.generation()));
		}
		return new Outcome(StepSucceeded.of(command, result.results()), landed);
	}

}

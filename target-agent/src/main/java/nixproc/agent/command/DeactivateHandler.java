package nixproc.agent.command;

import java.time.Instant;
import java.util.List;

import nixproc.agent.state.AgentState;
import nixproc.events.Deactivate;
import nixproc.events.StepFailed;

/** Stops a batch through the {@link Activator}, under the deployment's lock. */
final class DeactivateHandler implements CommandHandler<Deactivate> {

	private final Activator activator;

	DeactivateHandler(Activator activator) {
		this.activator = activator;
	}

	@Override
	public Class<Deactivate> type() {
		return Deactivate.class;
	}

	@Override
	public Outcome handle(Deactivate command, AgentState state, Instant now, StatePersister persist) {
		var interrupted = BatchSteps.interrupted(command, state, activator);
		if (interrupted.isPresent()) {
			return interrupted.get();
		}
		var problem = BatchSteps.lockProblem(command, state, now);
		if (problem.isPresent()) {
			return new Outcome(StepFailed.of(command, problem.get(), List.of()), state);
		}
		AgentState flying = BatchSteps.inFlight(command, state, now, persist);
		return BatchSteps.answer(command, flying, activator.deactivate(command.generation(), command.mappings(),
				command.parallelism()), false);
	}

}

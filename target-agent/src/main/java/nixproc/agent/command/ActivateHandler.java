package nixproc.agent.command;

import java.time.Instant;
import java.util.List;

import nixproc.agent.state.AgentState;
import nixproc.events.Activate;
import nixproc.events.StepFailed;

/** Starts a batch through the {@link Activator}, under the deployment's lock. */
final class ActivateHandler implements CommandHandler<Activate> {

	private final Activator activator;

	ActivateHandler(Activator activator) {
		this.activator = activator;
	}

	@Override
	public Class<Activate> type() {
		return Activate.class;
	}

	@Override
	public Outcome handle(Activate command, AgentState state, Instant now, StatePersister persist) {
		var interrupted = BatchSteps.interrupted(command, state, activator);
		if (interrupted.isPresent()) {
			return interrupted.get();
		}
		var problem = BatchSteps.lockProblem(command, state, now);
		if (problem.isPresent()) {
			return new Outcome(StepFailed.of(command, problem.get(), List.of()), state);
		}
		AgentState flying = BatchSteps.inFlight(command, state, now, persist);
		return BatchSteps.answer(command, flying, activator.activate(command.generation(), command.mappings(),
				command.parallelism()), true);
	}

}

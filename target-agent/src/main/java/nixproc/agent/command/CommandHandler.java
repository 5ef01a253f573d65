package nixproc.agent.command;

import java.time.Instant;

import nixproc.agent.state.AgentState;
import nixproc.events.Command;

/**
 * Carries out one command type. Called only with a command that is verified, addressed to this target, unexpired
 * and not seen before. Must not throw for anything the coordinator could have caused: such failures are a
 * {@link nixproc.events.StepFailed} answer.
 */
public interface CommandHandler<C extends Command> {

	Class<C> type();

	/**
	 * @param persist saves an intermediate state, e.g. the step in flight before a long activation, so that a
	 *        crash during it is noticed on restart
	 */
	Outcome handle(C command, AgentState state, Instant now, StatePersister persist);

	/** Saves a state durably; see {@link nixproc.agent.state.StateStore}. */
	interface StatePersister {

		void save(AgentState state);

	}

}

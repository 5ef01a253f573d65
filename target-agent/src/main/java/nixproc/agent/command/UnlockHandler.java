package nixproc.agent.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.agent.state.AgentState;
import nixproc.agent.state.LockLease;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;
import nixproc.events.Unlock;

/**
 * Releases the lock of the command's deployment. Unlocking a target that is not locked succeeds, unlike
 * {@code disnix-lock -u}: unlock is the saga's compensation for lock and must be safe to repeat. Another deployment's
 * running lease is not touched.
 */
final class UnlockHandler implements CommandHandler<Unlock> {

	@Override
	public Class<Unlock> type() {
		return Unlock.class;
	}

	@Override
	public Outcome handle(Unlock command, AgentState state, Instant now, StatePersister persist) {
		Optional<LockLease> held = state.lockAt(now);
		if (held.isPresent() && !held.get().deploymentId().equals(command.deploymentId())) {
			return new Outcome(StepFailed.of(command, "target " + command.target() + " is locked by deployment "
					+ held.get().deploymentId() + ", not " + command.deploymentId(), List.of()), state);
		}
		return new Outcome(StepSucceeded.of(command, List.of()), state.withLock(Optional.empty()));
	}

}

package nixproc.agent.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.agent.state.AgentState;
import nixproc.agent.state.LockLease;
import nixproc.events.Lock;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;

/**
 * Takes or renews the target's lock. Refused while another deployment's lease runs; an expired lease is taken over,
 * so a coordinator that died mid-deployment does not block the target until an operator steps in (the stale
 * {@code disnix-lock} problem, reference §3.3).
 */
final class LockHandler implements CommandHandler<Lock> {

	@Override
	public Class<Lock> type() {
		return Lock.class;
	}

	@Override
	public Outcome handle(Lock command, AgentState state, Instant now, StatePersister persist) {
		Optional<LockLease> held = state.lockAt(now);
		if (held.isPresent() && !held.get().deploymentId().equals(command.deploymentId())) {
			return new Outcome(StepFailed.of(command, "target " + command.target() + " is locked by deployment "
					+ held.get().deploymentId() + " until " + held.get().until(), List.of()), state);
		}
		LockLease lease = new LockLease(command.deploymentId(), now.plusSeconds(command.leaseSeconds()));
		return new Outcome(StepSucceeded.of(command, List.of()), state.withLock(Optional.of(lease)));
	}

}

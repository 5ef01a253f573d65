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

	/** The longest lock lease the agent grants, whatever a command asks for. */
	static final long MAX_LEASE_SECONDS = 86_400;

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
		// a day at most, whatever a signed command asks for: a lease outlives a coordinator, not the machine (#17)
		LockLease lease = new LockLease(command.deploymentId(),
				now.plusSeconds(Math.min(command.leaseSeconds(), MAX_LEASE_SECONDS)));
		return new Outcome(StepSucceeded.of(command, List.of()), state.withLock(Optional.of(lease)));
	}

}

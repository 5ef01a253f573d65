package nixproc.events;

import java.time.Instant;
import java.util.Optional;

import static nixproc.events.Checks.notBlank;

/**
 * The agent is alive. Carries what the coordinator's target registry shows without asking.
 *
 * @param lockedBy the deployment holding the target's lock, if any lease is still running
 * @param lockExpiry when that lease ends
 */
public record Heartbeat(String target, long generation, Optional<String> lockedBy, Optional<Instant> lockExpiry,
		long uptimeSeconds) implements AgentEvent {

	public Heartbeat {
		notBlank(target, "target");
		lockedBy = lockedBy == null ? Optional.empty() : lockedBy;
		lockExpiry = lockExpiry == null ? Optional.empty() : lockExpiry;
	}

}

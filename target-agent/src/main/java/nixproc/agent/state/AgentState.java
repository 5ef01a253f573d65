package nixproc.agent.state;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the agent must remember across restarts. Immutable; each change makes a new value that
 * {@link StateStore} persists before the agent answers.
 *
 * @param formatVersion of {@code state.json}; an agent refuses a state written by a newer format
 * @param generation the generation the target runs
 * @param seen by command id, in the order seen
 */
public record AgentState(int formatVersion, long generation, Optional<LockLease> lock, Map<String, SeenCommand> seen,
		Optional<InFlightStep> inFlight) {

	public static final int FORMAT_VERSION = 1;

	/** How long after its expiry a command id is still remembered, to cover clock skew between machines. */
	static final Duration SEEN_RETENTION = Duration.ofHours(1);

	public AgentState {
		lock = lock == null ? Optional.empty() : lock;
		inFlight = inFlight == null ? Optional.empty() : inFlight;
		seen = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(seen == null ? Map.of() : seen));
	}

	public static AgentState initial() {
		return new AgentState(FORMAT_VERSION, 0, Optional.empty(), Map.of(), Optional.empty());
	}

	public Optional<LockLease> lockAt(Instant now) {
		return lock.filter(l -> l.heldAt(now));
	}

	public AgentState withLock(Optional<LockLease> lease) {
		return new AgentState(formatVersion, generation, lease, seen, inFlight);
	}

	public AgentState withGeneration(long value) {
		return new AgentState(formatVersion, value, lock, seen, inFlight);
	}

	public AgentState withInFlight(Optional<InFlightStep> step) {
		return new AgentState(formatVersion, generation, lock, seen, step);
	}

	/** Records an answered command and forgets ids whose commands can no longer be accepted anyway. */
	public AgentState withSeen(SeenCommand command, Instant now) {
		Map<String, SeenCommand> copy = new LinkedHashMap<>();
		seen.forEach((id, entry) -> {
			if (entry.expiry().plus(SEEN_RETENTION).isAfter(now)) {
				copy.put(id, entry);
			}
		});
		copy.put(command.commandId(), command);
		return new AgentState(formatVersion, generation, lock, copy, inFlight);
	}

}

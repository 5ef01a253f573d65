package nixproc.coordinator.target;

import java.time.Instant;

/**
 * An agent's health monitor saw a process of its current generation fail (it may start a health-window rollback).
 *
 * @param eventId the envelope id of the agent's {@code ProcessFailed}: acted on once
 * @param time when the agent sent it (signed with the rest)
 */
public record ProcessFailedReported(String eventId, Instant time, String target, String service, long generation,
		String reason) {
}

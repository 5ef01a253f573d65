package nixproc.events;

import java.time.Instant;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * Take the target's deployment lock for {@code deploymentId} for {@code leaseSeconds}. The lease makes a lock left
 * behind by a crashed coordinator expire instead of blocking the target forever, the stale-lock trouble of Disnix
 * (reference §3.3, dysnomia#9). Locking again by the same deployment renews the lease.
 */
public record Lock(String commandId, String deploymentId, String stepId, long generation, String target,
		Instant expiry, long leaseSeconds) implements Command {

	public Lock {
		notBlank(commandId, "commandId");
		notBlank(deploymentId, "deploymentId");
		notBlank(stepId, "stepId");
		notBlank(target, "target");
		notNull(expiry, "expiry");
		if (leaseSeconds <= 0) {
			throw new IllegalArgumentException("leaseSeconds: must be positive, was " + leaseSeconds);
		}
	}

	@Override
	public StepKind kind() {
		return StepKind.LOCK;
	}

}

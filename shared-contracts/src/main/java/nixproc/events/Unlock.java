package nixproc.events;

import java.time.Instant;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/** Release the lock {@code deploymentId} holds on the target. */
public record Unlock(String commandId, String deploymentId, String stepId, long generation, String target,
		Instant expiry) implements Command {

	public Unlock {
		notBlank(commandId, "commandId");
		notBlank(deploymentId, "deploymentId");
		notBlank(stepId, "stepId");
		notBlank(target, "target");
		notNull(expiry, "expiry");
	}

	@Override
	public StepKind kind() {
		return StepKind.UNLOCK;
	}

}

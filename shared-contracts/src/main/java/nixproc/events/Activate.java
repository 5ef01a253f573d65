package nixproc.events;

import java.time.Instant;
import java.util.List;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/** Start a batch of mappings on the target, in {@link Mapping#order()}, as generation {@code generation}. */
public record Activate(String commandId, String deploymentId, String stepId, long generation, String target,
		Instant expiry, List<Mapping> mappings) implements Command {

	public Activate {
		notBlank(commandId, "commandId");
		notBlank(deploymentId, "deploymentId");
		notBlank(stepId, "stepId");
		notBlank(target, "target");
		notNull(expiry, "expiry");
		mappings = Checks.mappings(mappings);
	}

	@Override
	public StepKind kind() {
		return StepKind.ACTIVATE;
	}

}

package nixproc.events;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * Stop a batch of mappings on the target, in reverse {@link Mapping#order()} (dependents first).
 *
 * @param parallelism at most this many of the batch's instances stop at once; empty (absent from the JSON) leaves
 *        the bound to the agent
 */
public record Deactivate(String commandId, String deploymentId, String stepId, long generation, String target,
		Instant expiry, List<Mapping> mappings, OptionalInt parallelism) implements Command {

	public Deactivate {
		notBlank(commandId, "commandId");
		notBlank(deploymentId, "deploymentId");
		notBlank(stepId, "stepId");
		notBlank(target, "target");
		notNull(expiry, "expiry");
		mappings = Checks.mappings(mappings);
		parallelism = Checks.parallelism(parallelism);
	}

	/** With the agent's own parallelism, as commands were before {@link #parallelism} existed. */
	public Deactivate(String commandId, String deploymentId, String stepId, long generation, String target, Instant expiry,
			List<Mapping> mappings) {
		this(commandId, deploymentId, stepId, generation, target, expiry, mappings, OptionalInt.empty());
	}

	@Override
	public StepKind kind() {
		return StepKind.DEACTIVATE;
	}

}

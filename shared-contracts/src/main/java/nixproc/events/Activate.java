package nixproc.events;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * Start a batch of mappings on the target, in {@link Mapping#order()}, as generation {@code generation}.
 *
 * @param parallelism at most this many of the batch's instances start (start command and readiness) at once, as
 *        Disnix's {@code numOfCores} bounds a target's concurrent activations; empty (absent from the JSON,
 *        as in commands from before the field existed) leaves the bound to the agent
 */
public record Activate(String commandId, String deploymentId, String stepId, long generation, String target,
		Instant expiry, List<Mapping> mappings, OptionalInt parallelism) implements Command {

	public Activate {
		notBlank(commandId, "commandId");
		notBlank(deploymentId, "deploymentId");
		notBlank(stepId, "stepId");
		notBlank(target, "target");
		notNull(expiry, "expiry");
		mappings = Checks.mappings(mappings);
		parallelism = Checks.parallelism(parallelism);
	}

	/** With the agent's own parallelism, as commands were before {@link #parallelism} existed. */
	public Activate(String commandId, String deploymentId, String stepId, long generation, String target, Instant expiry,
			List<Mapping> mappings) {
		this(commandId, deploymentId, stepId, generation, target, expiry, mappings, OptionalInt.empty());
	}

	@Override
	public StepKind kind() {
		return StepKind.ACTIVATE;
	}

}

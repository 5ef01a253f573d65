package nixproc.cli.coordinator;

import java.util.Optional;

import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The {@code options} of a deployment or rollback (api.md); unset ones keep the coordinator's defaults. */
final class TransitionOptions {

	@Option(names = "--step-timeout", paramLabel = "SECONDS",
			description = "A step not answered within this fails the deployment (coordinator default: 60).")
	Optional<Integer> stepTimeout = Optional.empty();

	@Option(names = "--health-window", paramLabel = "SECONDS",
			description = "After the commit, a managed process failing within this rolls back (coordinator default: 30).")
	Optional<Integer> healthWindow = Optional.empty();

	@Option(names = "--max-parallel-per-target", paramLabel = "N", description = "Activations at once per target.")
	Optional<Integer> maxParallelPerTarget = Optional.empty();

	ObjectNode json() {
		ObjectNode options = JsonNodeFactory.instance.objectNode();
		stepTimeout.ifPresent(v -> options.put("stepTimeoutSeconds", positive("--step-timeout", v)));
		healthWindow.ifPresent(v -> options.put("healthWindowSeconds", atLeastZero("--health-window", v)));
		maxParallelPerTarget.ifPresent(v -> options.put("maxParallelPerTarget", positive("--max-parallel-per-target",
				v)));
		return options;
	}

	private static int positive(String option, int value) {
		if (value < 1) {
			throw CoordinatorOptions.usage(option + ": must be at least 1, not " + value);
		}
		return value;
	}

	private static int atLeastZero(String option, int value) {
		if (value < 0) {
			throw CoordinatorOptions.usage(option + ": must not be negative, not " + value);
		}
		return value;
	}

}

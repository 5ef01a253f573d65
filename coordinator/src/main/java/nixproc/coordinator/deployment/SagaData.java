package nixproc.coordinator.deployment;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the saga knows about one deployment, persisted as one row with a version column (style G11): each
 * transition makes a new record.
 *
 * @param generation the generation this deployment commits
 * @param phase the phase whose steps are running
 * @param lastForwardPhase the last phase of the transition itself; later phases undo or unlock
 * @param failure why the transition is being undone (or was refused), once a step failed
 * @param parallelism target → how many of a batch's instances it (de)activates at once, sent with every
 *        {@code Activate}/{@code Deactivate} ({@link nixproc.coordinator.plan.Plan#parallelism}); a target without an
 *        entry (sagas stored before it existed) gets commands without, i.e. the agent's own bound
 */
public record SagaData(String deploymentId, long generation, DeploymentStatus status, List<Step> steps, int phase,
		int lastForwardPhase, Duration stepTimeout, Optional<String> failure, Map<String, Integer> parallelism) {

	public SagaData {
		steps = List.copyOf(steps);
		parallelism = parallelism == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(parallelism));
	}

	SagaData with(DeploymentStatus newStatus, List<Step> newSteps, int newPhase, Optional<String> newFailure) {
		if (newStatus != status && !status.next().contains(newStatus)) {
			throw new IllegalStateException(deploymentId + ": no edge " + status + " -> " + newStatus);
		}
		return new SagaData(deploymentId, generation, newStatus, newSteps, newPhase, lastForwardPhase, stepTimeout,
				newFailure, parallelism);
	}

	List<Step> inPhase(int n) {
		return steps.stream().filter(s -> s.phase() == n).toList();
	}

}

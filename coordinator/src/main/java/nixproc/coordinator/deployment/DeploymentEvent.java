package nixproc.coordinator.deployment;

import java.util.List;

/**
 * The coordinator's domain events (architecture §5), published in the saga's transaction and handed to Kafka
 * topic {@code nixproc.deployments}, keyed by deployment id, by one listener after commit.
 */
public sealed interface DeploymentEvent {

	String deploymentId();

	record DeploymentRequested(String deploymentId, long generation, String revisionId) implements DeploymentEvent {
	}

	record TransitionStarted(String deploymentId, long generation, List<String> targets) implements DeploymentEvent {
	}

	record StepCompleted(String deploymentId, String stepId, String kind, String target, String status,
			String error) implements DeploymentEvent {
	}

	record DeploymentCommitted(String deploymentId, long generation) implements DeploymentEvent {
	}

	record RollbackStarted(String deploymentId, long generation, String reason) implements DeploymentEvent {
	}

	record DeploymentRolledBack(String deploymentId, long generation, String reason) implements DeploymentEvent {
	}

	record RollbackFailed(String deploymentId, long generation, String reason) implements DeploymentEvent {
	}

	/** Refused before anything changed. */
	record DeploymentFailed(String deploymentId, long generation, String reason) implements DeploymentEvent {
	}

}

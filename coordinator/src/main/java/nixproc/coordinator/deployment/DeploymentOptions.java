package nixproc.coordinator.deployment;

import java.time.Duration;

/** The {@code options} of a deployment request (api.md); absent fields take these defaults. */
public record DeploymentOptions(boolean dryRun, int healthWindowSeconds, int stepTimeoutSeconds,
		int maxParallelPerTarget) {

	public static final DeploymentOptions DEFAULTS = new DeploymentOptions(false, 30, 60, 4);

	public DeploymentOptions {
		if (stepTimeoutSeconds <= 0) {
			stepTimeoutSeconds = DEFAULTS.stepTimeoutSeconds();
		}
		if (healthWindowSeconds < 0) {
			healthWindowSeconds = 0;
		}
		if (maxParallelPerTarget <= 0) {
			maxParallelPerTarget = DEFAULTS.maxParallelPerTarget();
		}
	}

	public Duration stepTimeout() {
		return Duration.ofSeconds(stepTimeoutSeconds);
	}

}

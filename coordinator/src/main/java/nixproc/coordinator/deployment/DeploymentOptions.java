package nixproc.coordinator.deployment;

import java.time.Duration;

/** The {@code options} of a deployment request (api.md); absent fields take these defaults. */
public record DeploymentOptions(boolean dryRun, int healthWindowSeconds, int stepTimeoutSeconds,
		int maxParallelPerTarget) {

	public static final DeploymentOptions DEFAULTS = new DeploymentOptions(false, 30, 60, 4);

	/**
	 * The longest step timeout: a command expires with its step, and a lock lease lasts a few steps, so an unbounded
	 * timeout would make signed commands and leases that outlive everyone (issue 17).
	 */
	public static final int MAX_STEP_TIMEOUT_SECONDS = 3600;

	/** The longest health window: a day. */
	public static final int MAX_HEALTH_WINDOW_SECONDS = 86_400;

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

	/** The fields above their bounds, as problems naming them under {@code /options}; none when all are within. */
	public java.util.List<nixproc.model.Problem> outOfBounds() {
		java.util.List<nixproc.model.Problem> problems = new java.util.ArrayList<>();
		if (stepTimeoutSeconds > MAX_STEP_TIMEOUT_SECONDS) {
			problems.add(new nixproc.model.Problem("/options/stepTimeoutSeconds", "at most " + MAX_STEP_TIMEOUT_SECONDS
					+ " seconds, was " + stepTimeoutSeconds));
		}
		if (healthWindowSeconds > MAX_HEALTH_WINDOW_SECONDS) {
			problems.add(new nixproc.model.Problem("/options/healthWindowSeconds", "at most "
					+ MAX_HEALTH_WINDOW_SECONDS + " seconds, was " + healthWindowSeconds));
		}
		return problems;
	}

	public Duration stepTimeout() {
		return Duration.ofSeconds(stepTimeoutSeconds);
	}

}

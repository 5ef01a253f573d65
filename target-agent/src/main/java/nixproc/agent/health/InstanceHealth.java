package nixproc.agent.health;

import java.util.Optional;

/**
 * One instance's health at one moment.
 *
 * @param reason why it is unhealthy ({@code process manager says FAILED}); empty when healthy
 * @param failedProbe the readiness probe that failed, when that was it
 */
public record InstanceHealth(String service, boolean healthy, String reason, Optional<String> failedProbe,
		String logTail) {

	public static InstanceHealth ok(String service) {
		return new InstanceHealth(service, true, "", Optional.empty(), "");
	}

}

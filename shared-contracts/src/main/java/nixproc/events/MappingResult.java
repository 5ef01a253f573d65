package nixproc.events;

import java.util.Optional;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * What happened to one mapping of an {@link Activate} or {@link Deactivate}.
 *
 * @param exitCode of the process manager command that failed, when one did
 * @param logTail the last lines of the command's stderr or the instance's log, for the operator
 * @param failedProbe the readiness probe that did not pass ({@code tcp:8080}, {@code http://…}), if that was it
 * @param commandMillis time spent in the process manager's start or stop command
 * @param readinessMillis time spent waiting for readiness
 */
public record MappingResult(String service, boolean succeeded, Optional<Integer> exitCode, String logTail,
		Optional<String> failedProbe, long commandMillis, long readinessMillis) {

	public MappingResult {
		notBlank(service, "service");
		notNull(logTail, "logTail");
		exitCode = exitCode == null ? Optional.empty() : exitCode;
		failedProbe = failedProbe == null ? Optional.empty() : failedProbe;
	}

}

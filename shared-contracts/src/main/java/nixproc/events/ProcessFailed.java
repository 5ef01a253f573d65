package nixproc.events;

import java.util.Optional;

import static nixproc.events.Checks.notBlank;

/** The health monitor found an instance of the current generation dead or failing its readiness probe. */
public record ProcessFailed(String target, String service, long generation, String reason,
		Optional<String> failedProbe, String logTail) implements AgentEvent {

	public ProcessFailed {
		notBlank(target, "target");
		notBlank(service, "service");
		notBlank(reason, "reason");
		failedProbe = failedProbe == null ? Optional.empty() : failedProbe;
		logTail = logTail == null ? "" : logTail;
	}

}

package nixproc.events;

import java.util.List;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/**
 * A valid command could not be carried out (lock held by another deployment, an activation that failed). What
 * the agent changed before failing it undid, unless a mapping result says otherwise.
 */
public record StepFailed(String target, String commandId, String deploymentId, String stepId, long generation,
		StepKind kind, String reason, List<MappingResult> results) implements AgentEvent {

	public StepFailed {
		notBlank(target, "target");
		notBlank(commandId, "commandId");
		notNull(deploymentId, "deploymentId");
		notNull(stepId, "stepId");
		notNull(kind, "kind");
		notBlank(reason, "reason");
		results = List.copyOf(results == null ? List.of() : results);
	}

	public static StepFailed of(Command command, String reason, List<MappingResult> results) {
		return new StepFailed(command.target(), command.commandId(), command.deploymentId(), command.stepId(),
				command.generation(), command.kind(), reason, results);
	}

}

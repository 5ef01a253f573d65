package nixproc.events;

import java.util.List;

import static nixproc.events.Checks.notBlank;
import static nixproc.events.Checks.notNull;

/** A command was carried out; for activations, {@code results} has one entry per mapping. */
public record StepSucceeded(String target, String commandId, String deploymentId, String stepId, long generation,
		StepKind kind, List<MappingResult> results) implements AgentEvent {

	public StepSucceeded {
		notBlank(target, "target");
		notBlank(commandId, "commandId");
		notNull(deploymentId, "deploymentId");
		notNull(stepId, "stepId");
		notNull(kind, "kind");
		results = List.copyOf(results == null ? List.of() : results);
	}

	public static StepSucceeded of(Command command, List<MappingResult> results) {
		return new StepSucceeded(command.target(), command.commandId(), command.deploymentId(), command.stepId(),
				command.generation(), command.kind(), results);
	}

}

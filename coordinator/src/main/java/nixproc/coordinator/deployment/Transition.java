package nixproc.coordinator.deployment;

import java.util.List;

import nixproc.events.Command;

/** What one saga transition decided: the new data, the commands to send and the events to publish with it. */
public record Transition(SagaData data, List<Command> commands, List<DeploymentEvent> events) {

	public Transition {
		commands = List.copyOf(commands);
		events = List.copyOf(events);
	}

}

package nixproc.coordinator.target;

import java.util.Optional;

/** An agent's answer to one command, published inside the coordinator for the saga. */
public record AgentAnswer(String commandId, String deploymentId, String target, boolean succeeded, Optional<String> reason) {
}

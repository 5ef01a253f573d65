package nixproc.coordinator.deployment;

import java.util.Optional;

/** An agent's verified answer to one command: {@code StepSucceeded}, or {@code StepFailed} with its reason. */
public record StepReply(String commandId, String target, boolean succeeded, Optional<String> reason) {
}

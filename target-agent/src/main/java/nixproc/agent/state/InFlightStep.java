package nixproc.agent.state;

import java.time.Instant;

import nixproc.events.StepKind;

/**
 * An activation or deactivation that started and has not been answered. Its record's offset is not committed yet,
 * so after a crash the command is delivered again; the agent then answers it as failed (interrupted) instead of
 * running it twice, and the coordinator compensates.
 */
public record InFlightStep(String commandId, String deploymentId, String stepId, long generation, StepKind kind,
		Instant expiry, Instant startedAt) {
}

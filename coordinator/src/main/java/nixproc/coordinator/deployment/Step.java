package nixproc.coordinator.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.events.Mapping;
import nixproc.events.StepKind;

/**
 * One command of the saga and what became of it; replaced, never changed.
 *
 * @param phase steps of one phase run in parallel; the next phase starts when all have finished
 * @param compensation whether this step undoes a forward step
 */
public record Step(String stepId, StepKind kind, String target, List<Mapping> mappings, int phase,
		boolean compensation, Status status, Optional<Instant> startedAt, Optional<Instant> finishedAt,
		Optional<String> error) {

	/** What became of a step. */
	public enum Status {
		/** Not sent yet: its phase has not started. */
		PENDING,
		/** Sent; no answer yet. */
		RUNNING,
		SUCCEEDED,
		FAILED,
		/** No answer before the deadline; the command expired with it, so an agent that gets it later refuses it. */
		TIMED_OUT
	}

	public Step {
		mappings = List.copyOf(mappings);
	}

	static Step pending(StepKind kind, String target, List<Mapping> mappings, int phase, boolean compensation) {
		String id = "p" + phase + "-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + target;
		return new Step(id, kind, target, mappings, phase, compensation, Status.PENDING, Optional.empty(),
				Optional.empty(), Optional.empty());
	}

	Step started(Instant now) {
		return new Step(stepId, kind, target, mappings, phase, compensation, Status.RUNNING, Optional.of(now),
				Optional.empty(), Optional.empty());
	}

	Step finished(Status outcome, Instant now, Optional<String> why) {
		return new Step(stepId, kind, target, mappings, phase, compensation, outcome, startedAt, Optional.of(now),
				why);
	}

	boolean running() {
		return status == Status.RUNNING;
	}

	/** The command id: derived from the step, so a command sent again after a crash is the same command. */
	String commandId(String deploymentId) {
		return deploymentId + "/" + stepId;
	}

}

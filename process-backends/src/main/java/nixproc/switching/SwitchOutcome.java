package nixproc.switching;

import java.util.List;

/** How a switch ended; each kind maps to one exit code of {@code nixproc switch}. */
public sealed interface SwitchOutcome
		permits SwitchOutcome.Switched, SwitchOutcome.DryRun, SwitchOutcome.RolledBack, SwitchOutcome.RollbackFailed {

	/** Generation {@code generation} is current; {@code plan} says what changed. */
	record Switched(int generation, SwitchPlan plan) implements SwitchOutcome {
	}

	/** Nothing was changed; {@code plan} is what a real switch would do. */
	record DryRun(SwitchPlan plan) implements SwitchOutcome {
	}

	/** An instance failed; the previous generation ({@code restored}, 0 for none) runs again. */
	record RolledBack(StartFailure failure, int restored) implements SwitchOutcome {
	}

	/** An instance failed, and putting the previous generation back failed too: the machine needs attention. */
	record RollbackFailed(StartFailure failure, List<String> rollbackErrors) implements SwitchOutcome {

		public RollbackFailed {
			rollbackErrors = List.copyOf(rollbackErrors);
		}

	}

	/**
	 * Why an instance did not start.
	 *
	 * @param instance its name
	 * @param reason what failed: the manager's refusal, or the readiness check and how it failed
	 * @param logTail its last output lines, when the backend can tell
	 */
	record StartFailure(String instance, String reason, String logTail) {
	}

}

package nixproc.readiness;

import java.time.Duration;

/** How waiting for an instance ended. */
public sealed interface ReadinessOutcome permits ReadinessOutcome.Ready, ReadinessOutcome.NotReady {

	boolean ready();

	/** What was checked: the probe, the PID file, or survival of the grace. */
	String check();

	/** The instance passed {@code check} after {@code took}. */
	record Ready(String check, Duration took) implements ReadinessOutcome {

		@Override
		public boolean ready() {
			return true;
		}

	}

	/** The instance failed {@code check}: {@code reason} says how (timed out, process exited, …). */
	record NotReady(String check, String reason) implements ReadinessOutcome {

		@Override
		public boolean ready() {
			return false;
		}

	}

}

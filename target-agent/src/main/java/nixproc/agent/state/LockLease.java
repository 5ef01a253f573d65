package nixproc.agent.state;

import java.time.Instant;

/** The target's deployment lock: who holds it and until when. An expired lease is no lock at all. */
public record LockLease(String deploymentId, Instant until) {

	public boolean heldAt(Instant now) {
		return now.isBefore(until);
	}

}

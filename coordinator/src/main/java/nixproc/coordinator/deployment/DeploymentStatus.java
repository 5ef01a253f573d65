package nixproc.coordinator.deployment;

import java.util.EnumSet;
import java.util.Set;

/** The states of the diagram in {@code package-info.java}; {@link #next()} lists its edges, nothing else is allowed. */
public enum DeploymentStatus {

	/** Accepted, not started. */
	REQUESTED,
	/** Waiting for id-service. */
	ASSIGNING_IDS,
	/** Lock commands out to every involved target. */
	LOCKING,
	/** Deactivation waves, dependents first. */
	DEACTIVATING,
	/** Activation waves, dependencies first. */
	ACTIVATING,
	/** Generation stored; unlocks sent. Terminal. */
	COMMITTED,
	/** A step failed after something changed: undoing it. */
	ROLLING_BACK,
	/** Everything undone; the previous generation runs. Terminal. */
	ROLLED_BACK,
	/** An undo step failed: the network is in neither generation. Terminal and loud. */
	ROLLBACK_FAILED,
	/** Refused before anything changed (lock refused, IDs not assigned, model unusable). Terminal. */
	FAILED;

	public boolean terminal() {
		return this == COMMITTED || this == ROLLED_BACK || this == ROLLBACK_FAILED || this == FAILED;
	}

	public Set<DeploymentStatus> next() {
		return switch (this) {
			case REQUESTED -> EnumSet.of(ASSIGNING_IDS, LOCKING, COMMITTED, FAILED);
			case ASSIGNING_IDS -> EnumSet.of(LOCKING, COMMITTED, FAILED);
			case LOCKING -> EnumSet.of(DEACTIVATING, ACTIVATING, FAILED);
			case DEACTIVATING -> EnumSet.of(ACTIVATING, COMMITTED, ROLLING_BACK, FAILED);
			case ACTIVATING -> EnumSet.of(COMMITTED, ROLLING_BACK, FAILED);
			case ROLLING_BACK -> EnumSet.of(ROLLED_BACK, ROLLBACK_FAILED);
			case COMMITTED, ROLLED_BACK, ROLLBACK_FAILED, FAILED -> EnumSet.noneOf(DeploymentStatus.class);
		};
	}

}

package nixproc.events;

import java.time.Instant;

/**
 * What the coordinator asks one target to do (architecture §5–6). Every command names its deployment, its step in
 * that deployment's saga, the generation it builds, the one target it is for, a unique id (replays are refused) and
 * an expiry (late deliveries are refused). Java 17 has no pattern {@code switch}, so receivers keep one handler per
 * permitted subtype and test that none is missing.
 */
public sealed interface Command permits Lock, Unlock, Activate, Deactivate {

	String commandId();

	String deploymentId();

	String stepId();

	long generation();

	String target();

	Instant expiry();

	/** The saga step this command performs; results carry it back. */
	StepKind kind();

}

package nixproc.coordinator.target;

import java.time.Duration;
import java.time.Instant;

/**
 * Online means a heartbeat within {@code ttl}. Right after the coordinator starts, targets get {@code failoverGrace}
 * more, so that a restarted coordinator does not declare the whole network offline before the agents are heard.
 */
record Liveness(Duration ttl, Duration failoverGrace, Instant started) {

	boolean online(Instant lastSeen, Instant now) {
		Duration allowed = now.isBefore(started.plus(failoverGrace)) ? ttl.plus(failoverGrace) : ttl;
		return lastSeen.plus(allowed).isAfter(now);
	}

}

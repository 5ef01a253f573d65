package nixproc.coordinator.target;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessTest {

	private static final Instant STARTED = Instant.parse("2026-11-27T10:00:00Z");

	private final Liveness liveness = new Liveness(Duration.ofSeconds(10), Duration.ofSeconds(30), STARTED);

	@Test
	void aTargetIsOnlineWhileItsLastHeartbeatIsWithinTheTtl() {
		Instant now = STARTED.plusSeconds(120);
		assertThat(liveness.online(now.minusSeconds(9), now)).isTrue();
		assertThat(liveness.online(now.minusSeconds(11), now)).isFalse();
	}

	@Test
	void rightAfterACoordinatorStartsTargetsGetTheFailoverGraceToo() {
		Instant now = STARTED.plusSeconds(5);
		Instant heardLongAgo = STARTED.minusSeconds(20);
		assertThat(liveness.online(heardLongAgo, now)).isTrue();
		assertThat(liveness.online(heardLongAgo, STARTED.plusSeconds(31))).isFalse();
	}

}

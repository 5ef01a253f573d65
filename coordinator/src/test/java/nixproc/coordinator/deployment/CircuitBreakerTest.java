package nixproc.coordinator.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTest {

	Instant now = Instant.parse("2026-01-01T00:00:00Z");

	final AtomicInteger calls = new AtomicInteger();

	final CircuitBreaker breaker = new CircuitBreaker("id-service", 2, Duration.ofSeconds(30), new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	});

	String failing() {
		calls.incrementAndGet();
		throw new IllegalStateException("connection refused");
	}

	@Test
	void opensAfterTheThresholdRefusesWithoutCallingThenTriesAgainAfterTheOpenTime() {
		assertThatThrownBy(() -> breaker.call(this::failing)).hasMessage("connection refused");
		assertThatThrownBy(() -> breaker.call(this::failing)).hasMessage("connection refused");
		assertThatThrownBy(() -> breaker.call(this::failing)).isInstanceOf(CircuitBreaker.OpenException.class)
			.hasMessageContaining("id-service unavailable");
		assertThat(calls).hasValue(2);
		now = now.plusSeconds(31);
		assertThat(breaker.call(() -> "ok")).isEqualTo("ok");
		assertThatThrownBy(() -> breaker.call(this::failing)).hasMessage("connection refused");
		assertThat(calls).hasValue(3);
	}

	@Test
	void refusalsAreAnswersAndDoNotOpenIt() {
		java.util.function.Predicate<RuntimeException> refusal = e -> e instanceof IllegalArgumentException;
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> breaker.call(() -> {
				calls.incrementAndGet();
				throw new IllegalArgumentException("409 pool would strand holders");
			}, refusal)).hasMessageContaining("409");
		}
		assertThat(calls).hasValue(3);
		// and an answer resets the count of failures in a row
		assertThatThrownBy(() -> breaker.call(this::failing, refusal)).hasMessage("connection refused");
		assertThatThrownBy(() -> breaker.call(() -> {
			throw new IllegalArgumentException("400");
		}, refusal)).hasMessage("400");
		assertThatThrownBy(() -> breaker.call(this::failing, refusal)).hasMessage("connection refused");
		assertThat(breaker.call(() -> "ok")).isEqualTo("ok");
	}

}

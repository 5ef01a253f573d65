package nixproc.coordinator.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Closed until {@code threshold} calls in a row failed; then open for {@code openFor}, refusing calls without
 * trying, so a down id-service costs each waiting deployment nothing; then one trial call (half open) decides.
 * Small enough not to need a library.
 */
final class CircuitBreaker {

	/** The call was not made: the breaker is open. */
	static final class OpenException extends RuntimeException {

		OpenException(String name, Instant until) {
			super(name + " unavailable; not retrying before " + until);
		}

	}

	private final String name;

	private final int threshold;

	private final Duration openFor;

	private final Clock clock;

	private int failures;

	private Instant openUntil = Instant.MIN;

	CircuitBreaker(String name, int threshold, Duration openFor, Clock clock) {
		this.name = name;
		this.threshold = threshold;
		this.openFor = openFor;
		this.clock = clock;
	}

	synchronized <T> T call(Supplier<T> work) {
		return call(work, e -> false);
	}

	/**
	 * @param answered which exceptions mean the service answered (a refusal: 4xx): they are passed on but count as a
	 *        success, so refused requests do not open the breaker for everyone else
	 */
	synchronized <T> T call(Supplier<T> work, Predicate<RuntimeException> answered) {
		Instant now = clock.instant();
		if (failures >= threshold && now.isBefore(openUntil)) {
			throw new OpenException(name, openUntil);
		}
		try {
			T result = work.get();
			failures = 0;
			return result;
		}
		catch (RuntimeException e) {
			if (answered.test(e)) {
				failures = 0;
				throw e;
			}
			failures++;
			if (failures >= threshold) {
				openUntil = now.plus(openFor);
			}
			throw e;
		}
	}

}

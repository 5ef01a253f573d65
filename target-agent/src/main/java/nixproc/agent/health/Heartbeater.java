package nixproc.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import nixproc.agent.EventPublisher;
import nixproc.agent.state.AgentState;
import nixproc.agent.state.LockLease;
import nixproc.events.Heartbeat;
import nixproc.events.Registered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the agent, then sends a heartbeat every interval. Registration is retried on every tick until Kafka
 * acknowledges it, so an agent started while the broker is away registers as soon as it returns. Runs on its own
 * thread: a slow command never delays a heartbeat.
 */
public final class Heartbeater implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Heartbeater.class);

	private final EventPublisher publisher;

	private final Registered registration;

	private final Supplier<AgentState> state;

	private final Clock clock;

	private final Duration interval;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "nixproc-agent-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean registered;

	private final java.util.concurrent.CountDownLatch firstAttempt = new java.util.concurrent.CountDownLatch(1);

	public Heartbeater(EventPublisher publisher, Registered registration, Supplier<AgentState> state, Clock clock,
			Duration interval) {
		this.publisher = publisher;
		this.registration = registration;
		this.state = state;
		this.clock = clock;
		this.interval = interval;
	}

	public void start() {
		// registration at once, then heartbeats on the interval
		scheduler.execute(this::tick);
		scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	public boolean registered() {
		return registered;
	}

	/**
	 * Waits until registration was tried once. The command loop starts after it so that, while Kafka is up, the
	 * coordinator has the agent's key (from {@code Registered}) before the first answer signed with it arrives.
	 */
	public void awaitFirstAttempt() throws InterruptedException {
		firstAttempt.await();
	}

	private void tick() {
		try {
			if (!registered) {
				publisher.send(publisher.sign(registration).toJsonText());
				registered = true;
				log.info("registered target {} ({} process managers found, using {})", registration.target(),
						registration.capabilities().processManagers().size(),
						registration.capabilities().processManager());
				return;
			}
			AgentState now = state.get();
			Instant at = clock.instant();
			var lock = now.lockAt(at);
			publisher.send(publisher.sign(new Heartbeat(registration.target(), now.generation(),
					lock.map(LockLease::deploymentId), lock.map(LockLease::until),
					Duration.between(registration.startedAt(), at).toSeconds())).toJsonText());
		}
		catch (RuntimeException e) {
			// Kafka away: the processes keep running; the next tick tries again
			log.warn("{} not sent: {}", registered ? "heartbeat" : "registration", e.getMessage());
		}
		finally {
			firstAttempt.countDown();
		}
	}

	@Override
	public void close() {
		// let a send in progress finish (bounded by the publisher's timeout) rather than interrupting it
		scheduler.shutdown();
		try {
			if (!scheduler.awaitTermination(3, TimeUnit.SECONDS)) {
				scheduler.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}

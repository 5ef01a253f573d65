package nixproc.agent.health;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import nixproc.agent.EventPublisher;
import nixproc.agent.state.AgentState;
import nixproc.events.ProcessFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the current generation's instances every interval and publishes {@link ProcessFailed} when one turns
 * unhealthy — once per failure, not on every tick, so the coordinator's health window (architecture §6 step 8) sees
 * one event per incident. An instance that is healthy again is re-armed.
 */
public final class HealthMonitor implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

	private final EventPublisher publisher;

	private final HealthSource source;

	private final Supplier<AgentState> state;

	private final String target;

	private final Duration interval;

	private final Set<String> reported = new HashSet<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "nixproc-agent-health");
		thread.setDaemon(true);
		return thread;
	});

	public HealthMonitor(EventPublisher publisher, HealthSource source, Supplier<AgentState> state, String target,
			Duration interval) {
		this.publisher = publisher;
		this.source = source;
		this.state = state;
		this.target = target;
		this.interval = interval;
	}

	/** Starts the checks; nothing once {@link #close}d (an agent stopped during its start-up reconciliation). */
	public synchronized void start() {
		if (!scheduler.isShutdown()) {
			scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	void tick() {
		try {
			for (InstanceHealth health : source.check()) {
				if (health.healthy()) {
					reported.remove(health.service());
				}
				else if (!reported.contains(health.service())) {
					publisher.send(publisher.sign(new ProcessFailed(target, health.service(), state.get().generation(),
							health.reason(), health.failedProbe(), health.logTail())).toJsonText());
					reported.add(health.service());
					log.warn("{} failed: {}", health.service(), health.reason());
				}
			}
		}
		catch (RuntimeException e) {
			// not reported yet: the next tick tries again
			log.warn("health check not completed: {}", e.toString());
		}
	}

	@Override
	public synchronized void close() {
		scheduler.shutdownNow();
	}

}

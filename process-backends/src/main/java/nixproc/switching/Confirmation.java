package nixproc.switching;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.process.PidTrust;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.readiness.ReadinessWaiter;
import nixproc.switching.SwitchOutcome.StartFailure;

/**
 * A check can pass for the wrong reason (another process on the port, a PID file written just before its process
 * died): every instance the switch started must still run {@link #CONFIRM_AFTER_READY} after it was ready. One
 * sweep once the last of them has been up that long, so the waits of independent instances overlap instead of
 * adding up. A PID file is checked here, without forking; the manager is asked only about instances without one.
 */
final class Confirmation {

	/**
	 * A freshly started daemon may not have written its PID file yet: without one, the manager's status (which a
	 * sysvinit script reads from the PID file) is trusted only after this.
	 */
	static final Duration STATUS_GRACE = Duration.ofSeconds(1);

	/** How long an instance must stay up after passing its readiness check. */
	private static final Duration CONFIRM_AFTER_READY = Duration.ofMillis(300);

	/** An instance that passed its readiness check: when it was started and became ready (nano time), and how. */
	record ReadyInstance(long startedAt, long readyAt, String check) {
	}

	private final Driver driver;

	Confirmation(Driver driver) {
		this.driver = driver;
	}

	/** @param ready every instance of {@code instances}, by name */
	Optional<StartFailure> sweep(ProfileGeneration generation, List<InstanceEntry> instances, Map<String, ReadyInstance> ready) {
		sleepUntil(ready.values().stream().mapToLong(r -> r.readyAt() + CONFIRM_AFTER_READY.toNanos()).max().orElse(0));
		List<InstanceEntry> ask = new ArrayList<>();
		for (InstanceEntry instance : instances) {
			OptionalLong pid = instance.pidFile().map(f -> PidTrust.read(Path.of(f), instance.user())).orElse(OptionalLong.empty());
			if (pid.isEmpty()) {
				ask.add(instance);
			}
			else if (!ReadinessWaiter.running(pid.getAsLong())) {
				return Optional.of(notConfirmed(generation, instance, ready.get(instance.name()), "not running (PID " + pid.getAsLong() + ")"));
			}
		}
		// no PID file (yet): the manager's word, once a daemon has had the time to write one; managers answer slowly
		// (supervisorctl is a Python program), so all are asked at once: checks, not (de)activations, so not bounded
		// by the switch's parallelism
		return Scheduler.inOrder(ask, Scheduler.Order.ANY, Switcher.MAX_PARALLEL, instance -> {
			ReadyInstance r = ready.get(instance.name());
			sleepUntil(r.startedAt() + STATUS_GRACE.toNanos());
			InstanceStatus status = driver.status(generation, instance);
			return status == InstanceStatus.RUNNING || status == InstanceStatus.STARTING ? Optional.empty()
					: Optional.of(notConfirmed(generation, instance, r, status.toString()));
		});
	}

	private StartFailure notConfirmed(ProfileGeneration generation, InstanceEntry instance, ReadyInstance ready, String state) {
		return new StartFailure(instance.name(), ready.check() + " passed, but the process is " + state + " after "
				+ Duration.ofNanos(System.nanoTime() - ready.startedAt()).toMillis() + " ms", LogTails.of(driver, generation, instance));
	}

	private static void sleepUntil(long nanoTime) {
		long millis = (nanoTime - System.nanoTime()) / 1_000_000;
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}

package nixproc.switching;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.profile.ConfigFiles;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.readiness.ReadinessOutcome;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.CommandRunner;
import nixproc.switching.Confirmation.ReadyInstance;
import nixproc.switching.Scheduler.Order;
import nixproc.switching.SwitchOutcome.StartFailure;

/**
 * Starts and stops the instances of one generation through the driver: starts as soon as their dependencies are
 * ready, each waited for until it is ready itself, then confirmed in one sweep ({@link Confirmation}); stops once
 * what depends on them has stopped. Independent instances go in parallel ({@link Scheduler}).
 */
final class Activation {

	/** How long an instance without a readiness probe of its own may take to become ready. */
	static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(30);

	private final Driver driver;

	private final ReadinessWaiter readiness;

	private final SwitchListener listener;

	private final Confirmation confirmation;

	Activation(Driver driver, CommandRunner runner, SwitchListener listener) {
		this.driver = driver;
		this.readiness = new ReadinessWaiter(runner);
		this.listener = listener;
		this.confirmation = new Confirmation(driver);
	}

	/**
	 * Starts {@code instances} in dependency order, then confirms that all of them still run. At most
	 * {@code parallelism} are between their start command and readiness.
	 *
	 * @param started collects each instance once its start command is about to run (for a rollback)
	 */
	Optional<StartFailure> startAll(ProfileGeneration to, List<InstanceEntry> instances, List<InstanceEntry> started,
			int parallelism) {
		Map<String, ReadyInstance> ready = new ConcurrentHashMap<>();
		Optional<StartFailure> failure = Scheduler.inOrder(instances, Order.DEPENDENCIES_FIRST, parallelism,
				instance -> startOne(to, instance, started, ready));
		return failure.isPresent() ? failure : confirmation.sweep(to, instances, ready);
	}

	/**
	 * Stops {@code instances}, dependents first.
	 *
	 * @param stopped collects each instance the driver stopped (for a rollback)
	 */
	Optional<StartFailure> stopAll(ProfileGeneration from, List<InstanceEntry> instances, List<InstanceEntry> stopped,
			int parallelism) {
		return Scheduler.inOrder(instances, Order.DEPENDENTS_FIRST, parallelism, instance -> {
			listener.stopping(instance);
			try {
				driver.stop(from, instance);
				stopped.add(instance);
				return Optional.empty();
			}
			catch (RuntimeException ex) {
				return Optional.of(new StartFailure(instance.name(), "cannot stop: " + ex.getMessage(), ""));
			}
		});
	}

	/** Starts, with their config files and readiness, the instances of {@code generation} the manager does not report running. */
	Optional<StartFailure> startNotRunning(ProfileGeneration generation, List<InstanceEntry> started) {
		driver.load(generation);
		List<InstanceEntry> notRunning = generation.manifest().instances().stream()
			.filter(i -> driver.status(generation, i) != InstanceStatus.RUNNING)
			.toList();
		ConfigFiles.materialise(generation, notRunning);
		return startAll(generation, notRunning, started, Switcher.MAX_PARALLEL);
	}

	private Optional<StartFailure> startOne(ProfileGeneration generation, InstanceEntry instance, List<InstanceEntry> started,
			Map<String, ReadyInstance> ready) {
		listener.starting(instance);
		try {
			started.add(instance);
			driver.start(generation, instance);
		}
		catch (RuntimeException ex) {
			return Optional.of(new StartFailure(instance.name(), String.valueOf(ex.getMessage()), LogTails.of(driver, generation, instance)));
		}
		long startedAt = System.nanoTime();
		// asked only while the probe or PID file says "not yet", so a process that exits at once fails fast
		ReadinessOutcome outcome = readiness.await(instance.readiness(), instance.pidFile().map(Path::of), instance.user(), () -> {
			if (System.nanoTime() - startedAt < Confirmation.STATUS_GRACE.toNanos()) {
				return true;
			}
			InstanceStatus status = driver.status(generation, instance);
			return status == InstanceStatus.RUNNING || status == InstanceStatus.STARTING;
		}, DEFAULT_READINESS_TIMEOUT);
		if (outcome instanceof ReadinessOutcome.NotReady notReady) {
			return Optional.of(new StartFailure(instance.name(), notReady.check() + " failed: " + notReady.reason(),
					LogTails.of(driver, generation, instance)));
		}
		ready.put(instance.name(), new ReadyInstance(startedAt, System.nanoTime(), outcome.check()));
		listener.ready(instance, ((ReadinessOutcome.Ready) outcome).took());
		return Optional.empty();
	}

}

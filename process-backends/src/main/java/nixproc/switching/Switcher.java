package nixproc.switching;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import nixproc.backend.Driver;
import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LogSource;
import nixproc.backend.ManagerLifecycle;
import nixproc.model.Credentials;
import nixproc.profile.BuiltProfile;
import nixproc.profile.ConfigFiles;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.readiness.ReadinessOutcome;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.CommandRunner;
import nixproc.switching.SwitchOutcome.StartFailure;

/** Moves one profile from its current generation to another, as the package documentation describes. */
public final class Switcher {

	/** How long an instance without a readiness probe of its own may take to become ready. */
	public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * A freshly started daemon may not have written its PID file yet: without one, the manager's status (which a
	 * sysvinit script reads from the PID file) is trusted only after this.
	 */
	private static final Duration STATUS_GRACE = Duration.ofSeconds(1);

	/** How long an instance must stay up after passing its readiness check (see {@link #confirm}). */
	private static final Duration CONFIRM_AFTER_READY = Duration.ofMillis(300);

	/**
	 * Independent instances start (and stop) together, up to this many at once unless the caller bounds them lower
	 * ({@link #switchTo(BuiltProfile, String, int)}). Much of a start can be waiting (a probe, {@code supervisorctl
	 * start} waiting out {@code startsecs}), not work: the bound is for fork storms, not for CPUs; a driver whose starts
	 * are pure work bounds them itself (sysvinit).
	 */
	public static final int MAX_PARALLEL = 128;

	private final GenerationStore store;

	private final Driver driver;

	private final ReadinessWaiter readiness;

	private final UserAccounts accounts;

	private final boolean manageUsers;

	private final SwitchListener listener;

	private final Clock clock;

	public Switcher(GenerationStore store, Driver driver, CommandRunner runner, boolean manageUsers, SwitchListener listener,
			Clock clock) {
		this.store = store;
		this.driver = driver;
		this.readiness = new ReadinessWaiter(runner);
		this.accounts = new UserAccounts(runner);
		this.manageUsers = manageUsers;
		this.listener = listener;
		this.clock = clock;
	}

	/** What switching to {@code profile} would do, changing nothing. */
	public SwitchPlan plan(BuiltProfile profile) {
		return SwitchPlan.between(store.current().map(ProfileGeneration::manifest), manifest(profile, "", ProfileManifest.AccountNames.NONE));
	}

	/** Writes {@code profile} as a new generation and activates it; the generation is deleted if that fails. */
	public SwitchOutcome switchTo(BuiltProfile profile, String modelHash) {
		return switchTo(profile, modelHash, MAX_PARALLEL);
	}

	/**
	 * As {@link #switchTo(BuiltProfile, String)}, with at most {@code parallelism} instances starting (start command
	 * and readiness) or stopping at once, also in the rollback of a failed switch: a target's share of a deployment
	 * (Disnix's {@code numOfCores}, the target agent's {@code Activate}).
	 */
	public SwitchOutcome switchTo(BuiltProfile profile, String modelHash, int parallelism) {
		if (parallelism < 1) {
			throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
		}
		try (FileChannel lock = store.lock()) {
			recoverInterruptedSwitch();
			Optional<ProfileGeneration> from = store.current();
			ProfileManifest.AccountNames owned = from.map(g -> g.manifest().credentials()).orElse(ProfileManifest.AccountNames.NONE);
			if (manageUsers) {
				owned = accounts.owned(owned, profile.credentials());
			}
			ProfileGeneration to = store.write(profile.files(), manifest(profile, modelHash, owned));
			return transition(from, to, true, profile.credentials(), parallelism);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Activates an existing generation ({@code --rollback}, {@code --switch-to-generation}). */
	public SwitchOutcome activate(int number) {
		try (FileChannel lock = store.lock()) {
			recoverInterruptedSwitch();
			ProfileGeneration to = store.get(number)
				.orElseThrow(() -> new IllegalArgumentException("generation " + number + " does not exist"));
			// the accounts it needs may have been deleted since it was current
			return transition(store.current(), to, false, DysnomiaCredentials.read(to.directory()), MAX_PARALLEL);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Makes the current generation run as it was activated, without writing a generation: first finishes a switch
	 * that died half-way (as every switch does), then starts, in dependency order and with readiness, each instance
	 * of the current generation the process manager does not report running (killed while nobody watched, a
	 * reboot). For a long-running caller restarted after a crash (the target agent).
	 */
	public Convergence converge() {
		try (FileChannel lock = store.lock()) {
			recoverInterruptedSwitch();
			Optional<ProfileGeneration> current = store.current();
			if (current.isEmpty() || current.get().manifest().instances().isEmpty()) {
				return new Convergence(List.of(), Optional.empty());
			}
			List<InstanceEntry> started = Collections.synchronizedList(new ArrayList<>());
			Optional<StartFailure> failure;
			try {
				failure = startNotRunning(current.get(), started);
			}
			catch (RuntimeException ex) {
				failure = Optional.of(new StartFailure("(profile)", String.valueOf(ex.getMessage()), ""));
			}
			return new Convergence(started.stream().map(InstanceEntry::name).toList(), failure);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * What {@link #converge} did.
	 *
	 * @param started the instances found not running and started (in start order); with a failure, the failed one
	 *        is among them
	 */
	public record Convergence(List<String> started, Optional<StartFailure> failure) {

		public Convergence {
			started = List.copyOf(started);
		}

	}

	private Optional<StartFailure> startNotRunning(ProfileGeneration generation, List<InstanceEntry> started) {
		driver.load(generation);
		List<InstanceEntry> notRunning = generation.manifest().instances().stream()
			.filter(i -> driver.status(generation, i) != InstanceStatus.RUNNING)
			.toList();
		ConfigFiles.materialise(generation, notRunning);
		return startAll(generation, notRunning, started, MAX_PARALLEL);
	}

	/** The generation before the current one, for {@code --rollback}. */
	public static Optional<Integer> previous(GenerationStore store) {
		int current = store.current().map(ProfileGeneration::number).orElse(Integer.MAX_VALUE);
		return store.list().stream().map(ProfileGeneration::number).filter(n -> n < current).reduce((a, b) -> b);
	}

	private SwitchOutcome transition(Optional<ProfileGeneration> from, ProfileGeneration to, boolean created, Credentials wanted,
			int parallelism) {
		SwitchPlan plan = SwitchPlan.between(from.map(ProfileGeneration::manifest), to.manifest());
		new Journal(from.map(ProfileGeneration::number).orElse(0), to.number(), created).write(store.directory());
		Credentials createdAccounts = manageUsers ? accounts.createMissing(wanted) : Credentials.NONE;

		List<InstanceEntry> stopped = Collections.synchronizedList(new ArrayList<>());
		List<InstanceEntry> started = Collections.synchronizedList(new ArrayList<>());
		StartFailure failure = null;
		try {
			if (!plan.stop().isEmpty()) {
				failure = stopAll(from.orElseThrow(), plan.stop(), stopped, parallelism).orElse(null);
			}
			if (failure == null) {
				failure = portTaken(plan.start()).orElse(null);
			}
			if (failure == null) {
				// before load: a manager that starts what it loads (supervisord at boot) must find the files there
				ConfigFiles.materialise(to, plan.start());
				driver.load(to);
				failure = startAll(to, plan.start(), started, parallelism).orElse(null);
			}
		}
		catch (RuntimeException ex) {
			failure = new StartFailure("(profile)", String.valueOf(ex.getMessage()), "");
		}
		if (failure != null) {
			listener.rollingBack(failure.instance() + ": " + failure.reason());
			List<String> errors = rollBack(from, to, started, stopped, parallelism);
			if (manageUsers) {
				safely(errors, () -> accounts.deleteUnwanted(createdAccounts, Credentials.NONE).forEach(listener::note));
			}
			if (created) {
				safely(errors, () -> deleteGeneration(to));
			}
			Journal.remove(store.directory());
			return errors.isEmpty() ? new SwitchOutcome.RolledBack(failure, from.map(ProfileGeneration::number).orElse(0))
					: new SwitchOutcome.RollbackFailed(failure, errors);
		}
		if (manageUsers) {
			from.ifPresent(previous -> accounts.deleteUnwanted(new Credentials(names(previous.manifest().credentials().groups()),
					names(previous.manifest().credentials().users())), wanted).forEach(listener::note));
		}
		if (to.manifest().instances().isEmpty() && driver instanceof ManagerLifecycle manager) {
			manager.shutdown(to);
		}
		store.makeCurrent(to.number());
		Journal.remove(store.directory());
		return new SwitchOutcome.Switched(to.number(), plan);
	}

	/**
	 * Starts instances as soon as their dependencies are ready, independent ones in parallel, then confirms in one
	 * sweep that all of them still run. At most {@code parallelism} are between their start command and readiness.
	 */
	private Optional<StartFailure> startAll(ProfileGeneration to, List<InstanceEntry> instances, List<InstanceEntry> started,
			int parallelism) {
		Map<String, Ready> ready = new java.util.concurrent.ConcurrentHashMap<>();
		Optional<StartFailure> failure = inOrder(instances, Order.DEPENDENCIES_FIRST, parallelism,
				instance -> startOne(to, instance, started, ready));
		return failure.isPresent() ? failure : confirm(to, instances, ready);
	}

	/** Stops instances once what depends on them has stopped, independent ones in parallel. */
	private Optional<StartFailure> stopAll(ProfileGeneration from, List<InstanceEntry> instances, List<InstanceEntry> stopped,
			int parallelism) {
		return inOrder(instances, Order.DEPENDENTS_FIRST, parallelism, instance -> {
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

	/** Which instances of a list must have finished before another one begins. */
	private enum Order {
		/** its dependencies (starting) */
		DEPENDENCIES_FIRST,
		/** the instances that depend on it (stopping) */
		DEPENDENTS_FIRST,
		/** none (checking) */
		ANY
	}

	/**
	 * Runs {@code action} for every instance, each as soon as its prerequisites (see {@link Order}) have finished,
	 * independent ones in parallel, at most {@code parallelism} at once (the pool's size: an action holds its thread from
	 * beginning to end). {@code instances} is in an order where prerequisites come first. After the first failure
	 * nothing new begins; what runs is allowed to finish.
	 */
	private Optional<StartFailure> inOrder(List<InstanceEntry> instances, Order order, int parallelism,
			java.util.function.Function<InstanceEntry, Optional<StartFailure>> action) {
		if (instances.isEmpty()) {
			return Optional.empty();
		}
		Map<String, List<String>> prerequisites = new LinkedHashMap<>();
		instances.forEach(instance -> prerequisites.put(instance.name(), new ArrayList<>()));
		for (InstanceEntry instance : order == Order.ANY ? List.<InstanceEntry>of() : instances) {
			for (String dependency : instance.dependencies()) {
				if (prerequisites.containsKey(dependency)) {
					if (order == Order.DEPENDENTS_FIRST) {
						prerequisites.get(dependency).add(instance.name());
					}
					else {
						prerequisites.get(instance.name()).add(dependency);
					}
				}
			}
		}
		AtomicReference<StartFailure> failure = new AtomicReference<>();
		ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, instances.size()));
		try {
			Map<String, CompletableFuture<Void>> futures = new LinkedHashMap<>();
			for (InstanceEntry instance : instances) {
				CompletableFuture<?>[] before = prerequisites.get(instance.name()).stream()
					.map(futures::get)
					.filter(java.util.Objects::nonNull)
					.toArray(CompletableFuture<?>[]::new);
				futures.put(instance.name(), CompletableFuture.allOf(before).thenRunAsync(() -> {
					if (failure.get() == null) {
						action.apply(instance).ifPresent(f -> failure.compareAndSet(null, f));
					}
				}, pool));
			}
			try {
				CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).join();
			}
			catch (CompletionException ex) {
				failure.compareAndSet(null, new StartFailure("(switch)", String.valueOf(ex.getCause()), ""));
			}
		}
		finally {
			pool.shutdownNow();
		}
		return Optional.ofNullable(failure.get());
	}

	/** An instance that passed its readiness check: when it was started and became ready (nano time), and how. */
	private record Ready(long startedAt, long readyAt, String check) {
	}

	private Optional<StartFailure> startOne(ProfileGeneration generation, InstanceEntry instance, List<InstanceEntry> started,
			Map<String, Ready> ready) {
		listener.starting(instance);
		try {
			started.add(instance);
			driver.start(generation, instance);
		}
		catch (RuntimeException ex) {
			return Optional.of(new StartFailure(instance.name(), String.valueOf(ex.getMessage()), logTail(generation, instance)));
		}
		long startedAt = System.nanoTime();
		// asked only while the probe or PID file says "not yet", so a process that exits at once fails fast
		ReadinessOutcome outcome = readiness.await(instance.readiness(), instance.pidFile().map(Path::of), () -> {
			if (System.nanoTime() - startedAt < STATUS_GRACE.toNanos()) {
				return true;
			}
			InstanceStatus status = driver.status(generation, instance);
			return status == InstanceStatus.RUNNING || status == InstanceStatus.STARTING;
		}, DEFAULT_READINESS_TIMEOUT);
		if (outcome instanceof ReadinessOutcome.NotReady notReady) {
			return Optional.of(new StartFailure(instance.name(), notReady.check() + " failed: " + notReady.reason(),
					logTail(generation, instance)));
		}
		ready.put(instance.name(), new Ready(startedAt, System.nanoTime(), outcome.check()));
		listener.ready(instance, ((ReadinessOutcome.Ready) outcome).took());
		return Optional.empty();
	}

	/**
	 * A check can pass for the wrong reason (another process on the port, a PID file written just before its process
	 * died): every instance the switch started must still run {@link #CONFIRM_AFTER_READY} after it was ready. One
	 * sweep once the last of them has been up that long, so the waits of independent instances overlap instead of
	 * adding up. A PID file is checked here, without forking; the manager is asked only about instances without one.
	 */
	private Optional<StartFailure> confirm(ProfileGeneration generation, List<InstanceEntry> instances, Map<String, Ready> ready) {
		sleepUntil(ready.values().stream().mapToLong(r -> r.readyAt() + CONFIRM_AFTER_READY.toNanos()).max().orElse(0));
		List<InstanceEntry> ask = new ArrayList<>();
		for (InstanceEntry instance : instances) {
			OptionalLong pid = instance.pidFile().map(f -> ReadinessWaiter.readPid(Path.of(f))).orElse(OptionalLong.empty());
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
		return inOrder(ask, Order.ANY, MAX_PARALLEL, instance -> {
			Ready r = ready.get(instance.name());
			sleepUntil(r.startedAt() + STATUS_GRACE.toNanos());
			InstanceStatus status = driver.status(generation, instance);
			return status == InstanceStatus.RUNNING || status == InstanceStatus.STARTING ? Optional.empty()
					: Optional.of(notConfirmed(generation, instance, r, status.toString()));
		});
	}

	private StartFailure notConfirmed(ProfileGeneration generation, InstanceEntry instance, Ready ready, String state) {
		return new StartFailure(instance.name(), ready.check() + " passed, but the process is " + state + " after "
				+ Duration.ofNanos(System.nanoTime() - ready.startedAt()).toMillis() + " ms", logTail(generation, instance));
	}

	/** Stops what this switch started, then starts again what it stopped, from the previous generation. */
	private List<String> rollBack(Optional<ProfileGeneration> from, ProfileGeneration to, List<InstanceEntry> started,
			List<InstanceEntry> stopped, int parallelism) {
		List<String> errors = new ArrayList<>();
		List<InstanceEntry> toStop = new ArrayList<>(to.manifest().instances());
		toStop.retainAll(started);
		Collections.reverse(toStop);
		stopAll(to, toStop, Collections.synchronizedList(new ArrayList<>()), parallelism)
			.ifPresent(f -> errors.add(f.instance() + ": " + f.reason()));
		if (from.isPresent()) {
			List<InstanceEntry> restart = new ArrayList<>(from.get().manifest().instances());
			restart.retainAll(stopped);
			// the failed generation may have overwritten them
			safely(errors, () -> ConfigFiles.materialise(from.get(), restart));
			safely(errors, () -> driver.load(from.get()));
			startAll(from.get(), restart, Collections.synchronizedList(new ArrayList<>()), parallelism)
				.ifPresent(f -> errors.add(f.instance() + " did not come back: " + f.reason()));
		}
		return errors;
	}

	/**
	 * A journal left behind means a switch died half-way: put back the generation it came from, so that two
	 * generations' processes never run side by side, and forget the one it was creating.
	 */
	private void recoverInterruptedSwitch() {
		Optional<Journal> journal = Journal.read(store.directory());
		if (journal.isEmpty()) {
			return;
		}
		Optional<ProfileGeneration> from = journal.get().from() == 0 ? Optional.empty() : store.get(journal.get().from());
		Optional<ProfileGeneration> to = store.get(journal.get().to());
		listener.note("finishing an interrupted switch: restoring generation " + journal.get().from());
		Map<String, InstanceEntry> keep = from.map(g -> g.manifest().byName()).orElse(Map.of());
		if (to.isPresent()) {
			List<InstanceEntry> reverse = new ArrayList<>(to.get().manifest().instances());
			Collections.reverse(reverse);
			for (InstanceEntry instance : reverse) {
				InstanceEntry previous = keep.get(instance.name());
				boolean sameAsBefore = previous != null && previous.hash().equals(instance.hash());
				if (!sameAsBefore && driver.status(to.get(), instance) != InstanceStatus.UNKNOWN) {
					listener.stopping(instance);
					driver.stop(to.get(), instance);
				}
			}
		}
		if (from.isPresent()) {
			startNotRunning(from.get(), Collections.synchronizedList(new ArrayList<>())).ifPresent(f -> {
				throw new IllegalStateException("cannot restore generation " + from.get().number()
						+ " after an interrupted switch: " + f.instance() + ": " + f.reason());
			});
			store.makeCurrent(from.get().number());
		}
		if (journal.get().created() && to.isPresent()) {
			deleteGeneration(to.get());
		}
		Journal.remove(store.directory());
	}

	private ProfileManifest manifest(BuiltProfile profile, String modelHash, ProfileManifest.AccountNames owned) {
		return new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, profile.backend(), clock.instant(), modelHash, profile.instances(), owned);
	}

	private void deleteGeneration(ProfileGeneration generation) {
		store.delete(new GenerationStore.Deletion.Numbers(List.of(generation.number())));
	}

	private String logTail(ProfileGeneration generation, InstanceEntry instance) {
		return driver instanceof LogSource logs ? logs.logTail(generation, instance, 15).orElse("") : "";
	}

	private static Map<String, Map<String, String>> names(List<String> names) {
		Map<String, Map<String, String>> map = new TreeMap<>();
		names.forEach(name -> map.put(name, Map.of()));
		return map;
	}

	/**
	 * A port someone else listens on would pass the TCP probe, and a manager that keeps retrying (supervisord) would
	 * report the instance STARTING all along: the switch would commit an instance that never ran. Checked before
	 * {@link Driver#load}, which may already start programs, and after the obsolete instances have stopped.
	 */
	private static Optional<StartFailure> portTaken(List<InstanceEntry> instances) {
		for (InstanceEntry instance : instances) {
			Optional<Integer> port = instance.readiness().flatMap(r -> r.tcpPort());
			if (port.isPresent() && listening(port.get())) {
				return Optional.of(new StartFailure(instance.name(), "tcp port " + port.get()
						+ " is already in use by another process (before the instance started)", ""));
			}
		}
		return Optional.empty();
	}

	private static boolean listening(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
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

	private static void safely(List<String> errors, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			errors.add(String.valueOf(ex.getMessage()));
		}
	}


}

package nixproc.switching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Driver;
import nixproc.backend.DysnomiaCredentials;
import nixproc.backend.ManagerLifecycle;
import nixproc.model.Credentials;
import nixproc.profile.BuiltProfile;
import nixproc.profile.ConfigFiles;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.CommandRunner;
import nixproc.switching.SwitchOutcome.StartFailure;

/**
 * Moves one profile from its current generation to another, as the package documentation describes. The steps are
 * its collaborators': {@link Recovery} first finishes an interrupted switch, {@link SwitchAccounts} handles users and
 * groups, {@link PortProbe} refuses taken ports, {@link Activation} stops and starts instances (with
 * {@link Scheduler} and {@link Confirmation}), {@link Rollback} undoes a failed start.
 */
public final class Switcher {

	/**
	 * Independent instances start (and stop) together, up to this many at once unless the caller bounds them lower
	 * ({@link #switchTo(BuiltProfile, String, int)}). Much of a start can be waiting (a probe, {@code supervisorctl
	 * start} waiting out {@code startsecs}), not work: the bound is for fork storms, not for CPUs; a driver whose starts
	 * are pure work bounds them itself (sysvinit).
	 */
	public static final int MAX_PARALLEL = 128;

	private final GenerationStore store;

	private final Driver driver;

	private final SwitchListener listener;

	private final Clock clock;

	private final Activation activation;

	private final Rollback rollback;

	private final Recovery recovery;

	private final SwitchAccounts accounts;

	public Switcher(GenerationStore store, Driver driver, CommandRunner runner, boolean manageUsers, SwitchListener listener,
			Clock clock) {
		this.store = store;
		this.driver = driver;
		this.listener = listener;
		this.clock = clock;
		this.activation = new Activation(driver, runner, listener);
		this.rollback = new Rollback(driver, activation);
		this.recovery = new Recovery(store, driver, activation, listener);
		this.accounts = new SwitchAccounts(new UserAccounts(runner), manageUsers, listener);
	}

	/** What switching to {@code profile} would do, changing nothing. */
	public SwitchPlan plan(BuiltProfile profile) {
		return SwitchPlan.between(store.current().map(ProfileGeneration::manifest),
				manifest(profile, "", ProfileManifest.AccountNames.NONE));
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
			recovery.finishInterruptedSwitch();
			Optional<ProfileGeneration> from = store.current();
			ProfileManifest.AccountNames owned = accounts.owned(from, profile.credentials());
			ProfileGeneration to = store.write(profile.files(), manifest(profile, modelHash, owned));
			return transition(from, to, true, profile.credentials(), parallelism);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Activates an existing generation ({@code --rollback}, {@code --switch-to-generation}). */
	public SwitchOutcome activate(int number) {
		try (FileChannel lock = store.lock()) {
			recovery.finishInterruptedSwitch();
			ProfileGeneration to = store.get(number)
				.orElseThrow(() -> new IllegalArgumentException("generation " + number + " does not exist"));
			// the accounts it needs may have been deleted since it was current
			return transition(store.current(), to, false, DysnomiaCredentials.read(to.directory()), MAX_PARALLEL);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
			recovery.finishInterruptedSwitch();
			Optional<ProfileGeneration> current = store.current();
			if (current.isEmpty() || current.get().manifest().instances().isEmpty()) {
				return new Convergence(List.of(), Optional.empty());
			}
			List<InstanceEntry> started = Collections.synchronizedList(new ArrayList<>());
			Optional<StartFailure> failure;
			try {
				failure = activation.startNotRunning(current.get(), started);
			}
			catch (RuntimeException ex) {
				failure = Optional.of(new StartFailure("(profile)", String.valueOf(ex.getMessage()), ""));
			}
			return new Convergence(started.stream().map(InstanceEntry::name).toList(), failure);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops every instance of the current generation, dependents first, and then the profile's own process manager
	 * (supervisord, s6-svscan), without writing a generation: the generation stays current, so {@link #converge}
	 * starts it again. For a caller that goes away together with what it started (an agent of {@code nixproc up}).
	 *
	 * @return the instances that could not be stopped, with the manager's words
	 */
	public List<String> stopCurrent() {
		try (FileChannel lock = store.lock()) {
			recovery.finishInterruptedSwitch();
			Optional<ProfileGeneration> current = store.current();
			if (current.isEmpty()) {
				return List.of();
			}
			List<String> errors = new ArrayList<>();
			List<InstanceEntry> instances = current.get().manifest().instances();
			List<InstanceEntry> stopped = Collections.synchronizedList(new ArrayList<>());
			Optional<StartFailure> failure = activation.stopAll(current.get(), instances, stopped, MAX_PARALLEL);
			if (failure.isPresent()) {
				errors.add(failure.get().instance() + ": " + failure.get().reason());
				// the others all the same, one by one: what can stop, stops
				for (InstanceEntry instance : instances) {
					if (!stopped.contains(instance) && !instance.name().equals(failure.get().instance())) {
						activation.stopAll(current.get(), List.of(instance), stopped, 1)
							.ifPresent(f -> errors.add(f.instance() + ": " + f.reason()));
					}
				}
			}
			if (driver instanceof ManagerLifecycle manager) {
				Rollback.safely(errors, () -> manager.shutdown(current.get()));
			}
			return errors;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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

	/** The generation before the current one, for {@code --rollback}. */
	public static Optional<Integer> previous(GenerationStore store) {
		int current = store.current().map(ProfileGeneration::number).orElse(Integer.MAX_VALUE);
		return store.list().stream().map(ProfileGeneration::number).filter(n -> n < current).reduce((a, b) -> b);
	}

	private SwitchOutcome transition(Optional<ProfileGeneration> from, ProfileGeneration to, boolean created, Credentials wanted,
			int parallelism) {
		SwitchPlan plan = SwitchPlan.between(from.map(ProfileGeneration::manifest), to.manifest());
		new Journal(from.map(ProfileGeneration::number).orElse(0), to.number(), created).write(store.directory());
		Credentials createdAccounts = accounts.createMissing(wanted);

		List<InstanceEntry> stopped = Collections.synchronizedList(new ArrayList<>());
		List<InstanceEntry> started = Collections.synchronizedList(new ArrayList<>());
		StartFailure failure = null;
		try {
			if (!plan.stop().isEmpty()) {
				failure = activation.stopAll(from.orElseThrow(), plan.stop(), stopped, parallelism).orElse(null);
			}
			if (failure == null) {
				failure = PortProbe.portTaken(plan.start()).orElse(null);
			}
			if (failure == null) {
				// before load: a manager that starts what it loads (supervisord at boot) must find the files there
				ConfigFiles.materialise(to, plan.start());
				driver.load(to);
				failure = activation.startAll(to, plan.start(), started, parallelism).orElse(null);
			}
		}
		catch (RuntimeException ex) {
			failure = new StartFailure("(profile)", String.valueOf(ex.getMessage()), "");
		}
		if (failure != null) {
			listener.rollingBack(failure.instance() + ": " + failure.reason());
			List<String> errors = rollback.undo(from, to, started, stopped, parallelism);
			accounts.deleteCreated(createdAccounts, errors);
			if (created) {
				Rollback.safely(errors, () -> store.delete(new GenerationStore.Deletion.Numbers(List.of(to.number()))));
			}
			Journal.remove(store.directory());
			return errors.isEmpty() ? new SwitchOutcome.RolledBack(failure, from.map(ProfileGeneration::number).orElse(0))
					: new SwitchOutcome.RollbackFailed(failure, errors);
		}
		accounts.deleteNoLongerWanted(from, wanted);
		if (to.manifest().instances().isEmpty() && driver instanceof ManagerLifecycle manager) {
			manager.shutdown(to);
		}
		store.makeCurrent(to.number());
		Journal.remove(store.directory());
		return new SwitchOutcome.Switched(to.number(), plan);
	}

	private ProfileManifest manifest(BuiltProfile profile, String modelHash, ProfileManifest.AccountNames owned) {
		return new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, profile.backend(), clock.instant(), modelHash,
				profile.instances(), owned);
	}

}

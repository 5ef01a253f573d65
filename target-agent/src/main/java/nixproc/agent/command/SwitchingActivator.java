package nixproc.agent.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import nixproc.agent.health.HealthSource;
import nixproc.agent.health.InstanceHealth;
import nixproc.agent.state.AtomicFiles;
import nixproc.backend.Backend;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LogSource;
import nixproc.events.Mapping;
import nixproc.events.MappingResult;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.Readiness;
import nixproc.process.Layout;
import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.readiness.ReadinessOutcome;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.CommandRunner;
import nixproc.switching.SwitchListener;
import nixproc.switching.SwitchOutcome;
import nixproc.switching.Switcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Activates mappings with process-backends' local switch: the target's mappings form one processes model (kept in
 * {@code mappings.json} in the agent's state dir); activating adds a batch to it and deactivating removes one, and
 * each change is a {@link Switcher#switchTo} — generate with the backend, write a new generation, stop what is
 * obsolete, start what is new in dependency order, wait for readiness, roll back automatically on failure. Batch
 * order levels are switched one after the other, so a lower {@link Mapping#order()} runs before a higher one starts;
 * within a level at most the command's {@code parallelism} instances start (or stop) at once.
 * A mapping's {@code pkg.dependencies} may only name instances on the same target; cross-target order is the
 * coordinator's.
 */
public final class SwitchingActivator implements Activator, HealthSource {

	/** The profile name of the agent's generations ({@code nixproc switch -p agent --list-generations}). */
	public static final String PROFILE = "agent";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Backend backend;

	private final Layout layout;

	private final Switcher switcher;

	private final Path mappingsFile;

	private final Timings timings = new Timings();

	private final GenerationStore store;

	private final Driver driver;

	private final ReadinessWaiter readiness;

	/**
	 * @param agentStateDir where {@code mappings.json} lives
	 * @param layout the state directories the instances are generated for
	 */
	public SwitchingActivator(Backend backend, Layout layout, Path agentStateDir, CommandRunner runner,
			boolean privileged, Clock clock) {
		this.backend = backend;
		this.layout = layout;
		this.mappingsFile = agentStateDir.resolve("mappings.json");
		this.store = new GenerationStore(GenerationStore.profileDir(Path.of(layout.dirs().stateDir()), PROFILE), clock);
		this.driver = backend.driver(new DriverContext(layout, runner, privileged));
		this.readiness = new ReadinessWaiter(runner);
		this.switcher = new Switcher(store, driver, runner, privileged, timings, clock);
	}

	@Override
	public synchronized BatchResult activate(long generation, List<Mapping> mappings, OptionalInt parallelism) {
		int bound = parallelism.orElse(Switcher.MAX_PARALLEL);
		ObjectNode before = current();
		ObjectNode model = before.deepCopy();
		List<MappingResult> results = new ArrayList<>();
		for (int level : levels(mappings, false)) {
			List<Mapping> batch = mappings.stream().filter(m -> m.order() == level).toList();
			batch.forEach(m -> model.set(m.service(), instance(m)));
			Optional<String> failure = switchTo(model, generation, batch, results, bound);
			if (failure.isPresent()) {
				takeBack(before, generation, bound);
				return new BatchResult(results, failure);
			}
		}
		completed(model);
		return new BatchResult(results, Optional.empty());
	}

	@Override
	public synchronized BatchResult deactivate(long generation, List<Mapping> mappings, OptionalInt parallelism) {
		int bound = parallelism.orElse(Switcher.MAX_PARALLEL);
		ObjectNode before = current();
		ObjectNode model = before.deepCopy();
		List<MappingResult> results = new ArrayList<>();
		for (int level : levels(mappings, true)) {
			List<Mapping> batch = mappings.stream().filter(m -> m.order() == level).toList();
			batch.forEach(m -> model.remove(m.service()));
			Optional<String> failure = switchTo(model, generation, List.of(), results, bound);
			if (failure.isPresent()) {
				takeBack(before, generation, bound);
				return new BatchResult(results, failure);
			}
			batch.forEach(m -> results.add(new MappingResult(m.service(), true, Optional.empty(), "", Optional.empty(),
					timings.stopMillis(m.service()), 0)));
		}
		completed(model);
		return new BatchResult(results, Optional.empty());
	}

	/**
	 * A level failed (its own switch rolled itself back): when earlier levels of the batch were switched, switch back
	 * to before the batch; when nothing was, write no generation.
	 */
	private void takeBack(ObjectNode before, long generation, int parallelism) {
		if (!isCurrent(before)) {
			switchTo(before, generation, List.of(), new ArrayList<>(), parallelism);
		}
	}

	/**
	 * {@code mappings.json} changes only when a whole batch is done, so that after a crash between two order levels
	 * {@link #reconcile} takes the first level back too.
	 */
	private void completed(ObjectNode model) {
		// the model holds its environment values: the agent's alone (#17)
		AtomicFiles.write(mappingsFile, JSON.writeValueAsBytes(model), true);
	}

	/**
	 * Brings the machine back to the last completed batch and makes all of it run. When the current generation is
	 * not that batch (the agent died in the middle of a step), a switch goes back to it; then every instance of the
	 * current generation that does not run is started again ({@link Switcher#converge}, which first finishes a
	 * switch a crash interrupted). Changes nothing, and writes no generation, when all runs as it should.
	 *
	 * @return one result per instance that had to be started again
	 */
	@Override
	public synchronized BatchResult reconcile() {
		ObjectNode model = current();
		Optional<String> undone = Optional.empty();
		if (!isCurrent(model)) {
			undone = switchTo(model, 0, List.of(), new ArrayList<>(), Switcher.MAX_PARALLEL).map(f -> "taking back the interrupted step: " + f);
		}
		Switcher.Convergence converged = switcher.converge();
		List<MappingResult> results = new ArrayList<>();
		for (String name : converged.started()) {
			Optional<SwitchOutcome.StartFailure> failed = converged.failure().filter(f -> f.instance().equals(name));
			results.add(new MappingResult(name, failed.isEmpty(), Optional.empty(),
					failed.map(SwitchOutcome.StartFailure::logTail).orElse(""),
					failed.map(SwitchOutcome.StartFailure::reason).filter(r -> r.contains(" failed: ")),
					timings.commandMillis(name), timings.readinessMillis(name)));
		}
		Optional<String> failure = undone.or(() -> converged.failure().map(f -> f.instance() + ": " + f.reason()));
		return new BatchResult(results, failure);
	}

	@Override
	public synchronized List<String> stopCurrent() {
		return switcher.stopCurrent();
	}

	/** Whether the current generation is what {@code model} generates (after a crash it may not be). */
	private boolean isCurrent(ObjectNode model) {
		try {
			return switcher.plan(build(model)).changesNothing();
		}
		catch (ModelException e) {
			return false;
		}
	}

	private BuiltProfile build(ObjectNode model) {
		return ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false), backend, layout);
	}

	private Optional<String> switchTo(ObjectNode model, long generation, List<Mapping> started,
			List<MappingResult> results, int parallelism) {
		BuiltProfile profile;
		try {
			profile = build(model);
		}
		catch (ModelException e) {
			String problems = String.join("; ", e.problems().stream().map(Object::toString).toList());
			started.forEach(m -> results.add(new MappingResult(m.service(), false, Optional.empty(), problems,
					Optional.empty(), 0, 0)));
			return Optional.of("invalid mapping: " + problems);
		}
		SwitchOutcome outcome = switcher.switchTo(profile, "deployment generation " + generation, parallelism);
		if (outcome instanceof SwitchOutcome.Switched) {
			started.forEach(m -> results.add(new MappingResult(m.service(), true, Optional.empty(), "",
					Optional.empty(), timings.commandMillis(m.service()), timings.readinessMillis(m.service()))));
			return Optional.empty();
		}
		SwitchOutcome.StartFailure failure = outcome instanceof SwitchOutcome.RolledBack rolledBack ? rolledBack.failure()
				: ((SwitchOutcome.RollbackFailed) outcome).failure();
		for (Mapping m : started) {
			boolean failed = m.service().equals(failure.instance());
			results.add(new MappingResult(m.service(), !failed, Optional.empty(), failed ? failure.logTail() : "",
					failed && failure.reason().contains(" failed: ") ? Optional.of(failure.reason()) : Optional.empty(),
					timings.commandMillis(m.service()), timings.readinessMillis(m.service())));
		}
		String reason = failure.instance() + ": " + failure.reason();
		return Optional.of(outcome instanceof SwitchOutcome.RollbackFailed failedBack
				? reason + "; ROLLBACK FAILED: " + String.join("; ", failedBack.rollbackErrors())
				: reason + " (rolled back)");
	}

	/**
	 * Every instance of the current generation: unhealthy when the process manager does not say running, or when
	 * its declared readiness probe fails now. Waits for a switch in progress (both are synchronized).
	 */
	@Override
	public synchronized List<InstanceHealth> check() {
		Optional<ProfileGeneration> current = store.current();
		if (current.isEmpty()) {
			return List.of();
		}
		List<InstanceHealth> result = new ArrayList<>();
		for (InstanceEntry instance : current.get().manifest().instances()) {
			InstanceStatus status = driver.status(current.get(), instance);
			if (status != InstanceStatus.RUNNING && status != InstanceStatus.STARTING) {
				result.add(new InstanceHealth(instance.name(), false, "process manager says " + status,
						Optional.empty(), logTail(current.get(), instance)));
				continue;
			}
			if (instance.readiness().isPresent()) {
				// once, briefly: the model's timeout is how long a start may take, and the lock is held meanwhile
				ReadinessOutcome probe = readiness.await(instance.readiness().map(r -> new Readiness(r.tcpPort(),
						r.httpUrl(), r.command(), (int) PROBE_TIMEOUT.toSeconds())), Optional.empty(), () -> true,
						PROBE_TIMEOUT);
				if (probe instanceof ReadinessOutcome.NotReady notReady) {
					result.add(new InstanceHealth(instance.name(), false, notReady.check() + " failed: "
							+ notReady.reason(), Optional.of(notReady.check()), logTail(current.get(), instance)));
					continue;
				}
			}
			result.add(InstanceHealth.ok(instance.name()));
		}
		return result;
	}

	private static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(2);

	private String logTail(ProfileGeneration generation, InstanceEntry instance) {
		return driver instanceof LogSource logs ? logs.logTail(generation, instance, 15).orElse("") : "";
	}

	/** The target's current mappings as a processes model: service → {properties…, pkg}. */
	private ObjectNode current() {
		if (!Files.exists(mappingsFile)) {
			return JSON.createObjectNode();
		}
		try {
			return (ObjectNode) JSON.readTree(Files.readString(mappingsFile, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode instance(Mapping mapping) {
		ObjectNode instance = ((ObjectNode) mapping.properties()).deepCopy();
		instance.set("pkg", mapping.process());
		return instance;
	}

	private static List<Integer> levels(List<Mapping> mappings, boolean descending) {
		TreeSet<Integer> levels = new TreeSet<>();
		mappings.forEach(m -> levels.add(m.order()));
		return descending ? List.copyOf(levels.descendingSet()) : List.copyOf(levels);
	}

	/** Per-instance durations, from the switch's progress events. */
	private static final class Timings implements SwitchListener {

		private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

		private final Map<String, Long> commandMillis = new ConcurrentHashMap<>();

		private final Map<String, Long> readinessMillis = new ConcurrentHashMap<>();

		private final Map<String, Long> stopMillis = new ConcurrentHashMap<>();

		@Override
		public void starting(InstanceEntry instance) {
			startedAt.put(instance.name(), System.nanoTime());
		}

		@Override
		public void stopping(InstanceEntry instance) {
			stopMillis.put(instance.name(), System.nanoTime());
		}

		@Override
		public void ready(InstanceEntry instance, java.time.Duration took) {
			long total = (System.nanoTime() - startedAt.getOrDefault(instance.name(), System.nanoTime())) / 1_000_000;
			readinessMillis.put(instance.name(), took.toMillis());
			commandMillis.put(instance.name(), Math.max(0, total - took.toMillis()));
		}

		long commandMillis(String name) {
			return commandMillis.getOrDefault(name, 0L);
		}

		long readinessMillis(String name) {
			return readinessMillis.getOrDefault(name, 0L);
		}

		long stopMillis(String name) {
			Long at = stopMillis.get(name);
			return at == null ? 0 : (System.nanoTime() - at) / 1_000_000;
		}

	}

}

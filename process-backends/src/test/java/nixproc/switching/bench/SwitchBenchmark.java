package nixproc.switching.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.DriverContext;
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.ProcessCommandRunner;
import nixproc.switching.SwitchListener;
import nixproc.switching.SwitchOutcome;
import nixproc.switching.Switcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a timed test: a measurement, run on demand with {@code mvn -o -pl process-backends test -Dtest=SwitchBenchmark}
 * (its name matches none of surefire's default patterns, so the normal test run leaves it out). It deploys
 * {@value #INSTANCES} trivial daemons with sysvinit twice in the same run, from the same generated scripts: once as
 * the seed's {@code nixproc-sysvinit-deploy} does (a shell loop running {@code S* start} one after another, no
 * readiness wait), once with {@link Switcher}; then changes one instance and counts restarts. Figures go to stdout
 * and, by hand, to {@code process-backends/README.md}.
 */
class SwitchBenchmark {

	private static final int INSTANCES = 100;

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private final Backend backend = Backends.byKind(BackendKind.SYSVINIT).orElseThrow();

	private final ProcessCommandRunner runner = new ProcessCommandRunner();

	@Test
	void switch100InstancesOursAgainstTheSeedsShellLoop() throws Exception {
		List<String> lines = new ArrayList<>();
		for (int round = 1; round <= ROUNDS; round++) {
			Path seedState = dir.resolve("seed-" + round);
			SeedLoop.Times seedTimes = SeedLoop.run(seedState, build(layout(seedState), round, -1));
			Duration seed = seedTimes.total();
			Path state = dir.resolve("ours-" + round);
			Layout layout = layout(state);
			GenerationStore store = new GenerationStore(GenerationStore.profileDir(state, "bench"));
			Timeline timeline = new Timeline();
			Switcher switcher = new Switcher(store, backend.driver(new DriverContext(layout, runner, false)), runner, false,
					timeline, Clock.systemUTC());
			try {
				BuiltProfile all = build(layout, round, -1);
				timeline.reset();
				SwitchOutcome first = switcher.switchTo(all, "all");
				String oursPhases = timeline.phases();
				Duration ours = timeline.took();
				require(first);
				Map<String, Long> before = pids(store);

				BuiltProfile changed = build(layout, round, 42);
				timeline.reset();
				SwitchOutcome one = switcher.switchTo(changed, "one");
				String changePhases = timeline.phases();
				Duration changeOne = timeline.took();
				require(one);
				Map<String, Long> after = pids(store);
				long restarted = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();
				int planned = ((SwitchOutcome.Switched) one).plan().start().size();

				lines.add(String.format("round %d: seed %d ms (write %d + loop %d), ours %d ms, ratio %.2f; change 1 of %d: %d ms, "
						+ "%d planned start(s), %d PID(s) changed", round, seed.toMillis(), seed.minus(seedTimes.loop()).toMillis(),
						seedTimes.loop().toMillis(), ours.toMillis(), (double) ours.toNanos() / seed.toNanos(), INSTANCES,
						changeOne.toMillis(), planned, restarted));
				lines.add(String.format("round %d: ours %s; change 1 %s", round, oursPhases, changePhases));
			}
			finally {
				BuiltProfile empty = build(layout, round, -2);
				timeline.reset();
				switcher.switchTo(empty, "empty");
				String phases = timeline.phases();
				lines.add(String.format("round %d: undeploy of %d: %d ms %s", round, INSTANCES, timeline.took().toMillis(), phases));
			}
		}
		lines.forEach(line -> System.out.println("SwitchBenchmark " + line));
	}

	/**
	 * When a switch's stops and starts began and the last instance was ready, to show where its time goes: before the
	 * first stop or start (writing the generation, planning), stopping, starting up to the last readiness, and after
	 * it (the confirmation sweep, recording the generation).
	 */
	private static final class Timeline implements SwitchListener {

		private long begin;

		private long end;

		private final java.util.concurrent.atomic.AtomicLong firstStop = new java.util.concurrent.atomic.AtomicLong();

		private final java.util.concurrent.atomic.AtomicLong firstStart = new java.util.concurrent.atomic.AtomicLong();

		private final java.util.concurrent.atomic.AtomicLong lastReady = new java.util.concurrent.atomic.AtomicLong();

		void reset() {
			firstStop.set(0);
			firstStart.set(0);
			lastReady.set(0);
			begin = System.nanoTime();
		}

		Duration took() {
			return Duration.ofNanos(end - begin);
		}

		@Override
		public void stopping(InstanceEntry instance) {
			firstStop.compareAndSet(0, System.nanoTime());
		}

		@Override
		public void starting(InstanceEntry instance) {
			firstStart.compareAndSet(0, System.nanoTime());
		}

		@Override
		public void ready(InstanceEntry instance, Duration took) {
			lastReady.accumulateAndGet(System.nanoTime(), Math::max);
		}

		/** Ends the switch's clock (call right after it returns) and says where its time went. */
		String phases() {
			end = System.nanoTime();
			long stops = firstStop.get() == 0 ? 0 : (firstStart.get() == 0 ? end : firstStart.get()) - firstStop.get();
			long beforeFirst = (firstStop.get() != 0 ? firstStop.get() : firstStart.get() != 0 ? firstStart.get() : end) - begin;
			long starts = firstStart.get() == 0 ? 0 : lastReady.get() - firstStart.get();
			long after = end - Math.max(begin + beforeFirst + stops + starts, begin);
			return String.format("[before %d ms, stops %d ms, starts to last ready %d ms, after %d ms]", beforeFirst / 1_000_000,
					stops / 1_000_000, starts / 1_000_000, after / 1_000_000);
		}

	}

	/** {@value #INSTANCES} sleeps; {@code changed} gets another argument ({@code -2}: no instances at all). */
	private BuiltProfile build(Layout layout, int round, int changed) {
		Map<String, Object> model = new LinkedHashMap<>();
		for (int i = 0; changed != -2 && i < INSTANCES; i++) {
			String arg = Integer.toString(100_000 + round * 1000 + i) + (i == changed ? "1" : "");
			model.put(String.format("d%03d", i), Map.of("pkg", Map.of("foregroundProcess", "/bin/sleep", "foregroundProcessArgs", List.of(arg))));
		}
		return ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false), backend, layout);
	}

	private static Layout layout(Path state) {
		return new Layout(StateDirs.derive(state.toString(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), true);
	}

	private static Map<String, Long> pids(GenerationStore store) {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (InstanceEntry instance : store.current().orElseThrow().manifest().instances()) {
			OptionalLong pid = ReadinessWaiter.readPid(Path.of(instance.pidFile().orElseThrow()));
			pids.put(instance.name(), pid.orElse(-1));
		}
		return pids;
	}

	private static void require(SwitchOutcome outcome) {
		if (!(outcome instanceof SwitchOutcome.Switched)) {
			throw new IllegalStateException("the switch did not succeed: " + outcome);
		}
	}

}

package nixproc.backend;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.readiness.ReadinessOutcome;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.CommandRunner;
import nixproc.run.ProcessCommandRunner;
import nixproc.switching.InitState;
import nixproc.switching.SwitchListener;
import nixproc.switching.SwitchOutcome;
import nixproc.switching.Switcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link Driver} keeps (style G5, after Spring Cloud Deployer's TCK), checked once here and inherited by
 * each driver's test, which supplies its {@link #backend()} and keeps only what is particular to its manager. Each
 * test deploys a model of {@link Recorder} instances into a fresh unprivileged state directory, as a generation
 * written by the one {@link ProfileBuilder}, and drives it through the driver:
 * <ul>
 * <li>an instance never started is not running: {@link ManagerSays#neverStarted};
 * <li>a started instance passes its readiness check and runs;
 * <li>a stopped instance's process is gone, {@link ManagerSays#afterStop}; stopping it again is no error;
 * <li>a process that exits on its own is seen dead: {@link ManagerSays#deadProcess};
 * <li>an instance whose process was killed starts again (what {@link Switcher#converge} does after a crash);
 * <li>two instances of one service run side by side, and stopping one leaves the other;
 * <li>through the switch, an instance starts only once its dependency is ready, and stops before it, in the order
 * the processes saw (a manager must not start what it loads on its own);
 * <li>where a process runs ({@link LiveDriverContract}): hostile arguments, environment, working directory and
 * umask arrive byte-exact, nothing they contain is run.
 * </ul>
 * A driver whose manager runs here extends {@link LiveDriverContract} (sysvinit, supervisord, s6-rc, disnix); one
 * whose manager cannot extends {@link SimulatedDriverContract} and plays the manager at its command line with a
 * {@link SimulatedManager} (bsdrc, systemd, launchd, cygrunsrv, docker): the same checks, on the exact commands,
 * without a process. Exempt: synit, whose driver only links service files into the directory syndicate-server
 * watches; without syndicate-server nothing runs and nothing answers, so {@code SynitDriverTest} checks the links.
 * <p>
 * After each test every instance of every generation written is stopped and a manager the profile started for itself
 * shut down ({@link ManagerLifecycle}), whatever the test left behind.
 */
public abstract class DriverContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private Session session;

	/** The backend under test: its generator builds the profiles, its driver runs them. The one factory. */
	protected abstract Backend backend();

	/**
	 * What the manager says in the three cases where managers differ, as data; {@link ManagerSays#USUAL} unless a
	 * driver's test says otherwise, and why.
	 */
	protected ManagerSays managerSays() {
		return ManagerSays.USUAL;
	}

	/**
	 * @param neverStarted of an instance of a loaded generation that was never started
	 * @param afterStop of a stopped instance
	 * @param deadProcess of an instance whose process exited on its own with an error
	 */
	public record ManagerSays(InstanceStatus neverStarted, InstanceStatus afterStop, InstanceStatus deadProcess) {

		/** Unknown until started, stopped when stopped, failed when it died. */
		public static final ManagerSays USUAL = new ManagerSays(InstanceStatus.UNKNOWN, InstanceStatus.STOPPED,
				InstanceStatus.FAILED);

	}

	/** How the instances are observed and disturbed: real processes or a played manager. */
	abstract Harness harness(Path directory);

	/** What a test sees of the instances, whether they run for real or not; they are {@link Recorder}s either way. */
	abstract static class Harness implements AutoCloseable {

		final Recorder recorder;

		Harness(Recorder recorder) {
			this.recorder = recorder;
		}

		abstract CommandRunner runner();

		/** A long-running instance, ready once it has written its records. */
		ObjectNode pkg(String instance) {
			return recorder.pkg(instance, List.of(), Map.of());
		}

		/** A long-running instance that becomes ready only after half a second. */
		ObjectNode slowToBeReady(String instance) {
			return recorder.pkg(instance, List.of(), Map.of("READY_AFTER", "0.5"));
		}

		/** An instance whose process exits with status 3 as soon as it has started. */
		ObjectNode exitingAtOnce(String instance) {
			return recorder.pkg(instance, List.of(), Map.of("EXIT_CODE", "3"));
		}

		/** The PID of the instance's running process; empty while none runs. */
		abstract OptionalLong pid(String instance);

		/** Kills the instance's process; returns once it is gone. */
		abstract void crash(String instance);

		/** {@code start}, {@code ready} and {@code stop <instance>}, in the order the instances saw them. */
		abstract List<String> events();

		@Override
		public void close() {
		}

	}

	/** One test's state directory, generations and driver. */
	final class Session implements AutoCloseable {

		final Path directory;

		final Harness harness;

		final Layout layout;

		final GenerationStore store;

		final Driver driver;

		Session(Path directory) {
			this.directory = directory;
			this.harness = harness(directory);
			this.layout = new Layout(StateDirs.derive(directory.resolve("var").toString(), java.util.Optional.empty(),
					java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty()), true);
			InitState.create(layout, new ProcessCommandRunner());
			this.store = new GenerationStore(GenerationStore.profileDir(directory.resolve("var"), "contract"));
			this.driver = backend().driver(new DriverContext(layout, harness.runner(), false));
		}

		/** Builds {@code model} (instance name → managed process) and writes it as the next generation. */
		ProfileGeneration deploy(ObjectNode model) {
			BuiltProfile built = ProfileBuilder.build(read(model), backend(), layout);
			return store.write(built.files(), new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, built.backend(),
					Instant.now(), "contract", built.instances(), ProfileManifest.AccountNames.NONE));
		}

		BuiltProfile build(ObjectNode model) {
			return ProfileBuilder.build(read(model), backend(), layout);
		}

		@Override
		public void close() {
			try {
				for (ProfileGeneration generation : store.list()) {
					for (InstanceEntry instance : generation.manifest().instances()) {
						try {
							driver.stop(generation, instance);
						}
						catch (RuntimeException e) {
							// cleaning up after a failed test: the next steps still run
						}
					}
					if (driver instanceof ManagerLifecycle manager) {
						manager.shutdown(generation);
					}
				}
			}
			finally {
				harness.close();
			}
		}

	}

	@BeforeEach
	void openSession() {
		session = new Session(dir);
	}

	@AfterEach
	void closeSession() {
		session.close();
	}

	/** This test's session, for a driver's own tests. */
	protected final Driver driver() {
		return session.driver;
	}

	protected final Layout layout() {
		return session.layout;
	}

	/** Writes {@code model} (instance name → {@code {"pkg": …}}) as the next generation of this test's profile. */
	protected final ProfileGeneration deploy(ObjectNode model) {
		return session.deploy(model);
	}

	protected static InstanceEntry instance(ProfileGeneration generation, String name) {
		return generation.manifest().instance(name).orElseThrow(() -> new AssertionError("no instance " + name));
	}

	/** Polls the driver every 50 ms for up to 20 s until it says {@code expected}. */
	protected final void awaitStatus(ProfileGeneration generation, InstanceEntry instance, InstanceStatus expected) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(driver().status(generation, instance)).as("status of %s", instance.name())
				.isEqualTo(expected));
	}

	@Test
	void anInstanceNeverStartedIsNotRunning() {
		ProfileGeneration generation = deploy(model("one"));
		driver().load(generation);

		assertThat(driver().status(generation, instance(generation, "one"))).isEqualTo(managerSays().neverStarted());
	}

	@Test
	void aStartedInstancePassesItsReadinessCheckAndRuns() {
		ProfileGeneration generation = deploy(model("one"));
		InstanceEntry one = instance(generation, "one");
		driver().load(generation);
		driver().start(generation, one);

		ReadinessOutcome outcome = new ReadinessWaiter(session.harness.runner()).await(one.readiness(),
				one.pidFile().map(Path::of), () -> running(driver().status(generation, one)), Duration.ofSeconds(20));
		assertThat(outcome).isInstanceOf(ReadinessOutcome.Ready.class);
		awaitStatus(generation, one, InstanceStatus.RUNNING);
		assertThat(session.harness.pid("one")).isPresent();
	}

	@Test
	void aStoppedInstanceIsGoneAndStoppingItAgainIsNoError() {
		ProfileGeneration generation = deploy(model("one"));
		InstanceEntry one = instance(generation, "one");
		startAndAwait(generation, one);

		driver().stop(generation, one);

		assertThat(session.harness.pid("one")).as("the process of one").isEmpty();
		assertThat(driver().status(generation, one)).isEqualTo(managerSays().afterStop());
		assertThatCode(() -> driver().stop(generation, one)).doesNotThrowAnyException();
		assertThat(driver().status(generation, one)).isEqualTo(managerSays().afterStop());
	}

	@Test
	void aProcessThatExitsOnItsOwnIsSeenDead() {
		ObjectNode model = JSON.createObjectNode();
		model.putObject("quitter").set("pkg", session.harness.exitingAtOnce("quitter"));
		ProfileGeneration generation = deploy(model);
		InstanceEntry quitter = instance(generation, "quitter");
		driver().load(generation);
		try {
			driver().start(generation, quitter);
		}
		catch (RuntimeException refused) {
			// a manager may report the failed start at once (supervisorctl start: spawn error): allowed, not required
		}

		awaitStatus(generation, quitter, managerSays().deadProcess());
	}

	@Test
	void anInstanceWhoseProcessWasKilledStartsAgain() {
		ProfileGeneration generation = deploy(model("one"));
		InstanceEntry one = instance(generation, "one");
		long killed = startAndAwait(generation, one);

		session.harness.crash("one");
		// as Switcher.converge after a crash: what the manager does not report running is started again (a
		// supervising manager may have done so already)
		if (driver().status(generation, one) != InstanceStatus.RUNNING) {
			driver().start(generation, one);
		}

		Recorder.await(() -> session.harness.pid("one").isPresent() && session.harness.pid("one").getAsLong() != killed,
				"a new process of one");
		awaitStatus(generation, one, InstanceStatus.RUNNING);
	}

	@Test
	void twoInstancesOfOneServiceRunSideBySide() {
		ProfileGeneration generation = deploy(model("left", "right"));
		InstanceEntry left = instance(generation, "left");
		InstanceEntry right = instance(generation, "right");
		long leftPid = startAndAwait(generation, left);
		long rightPid = startAndAwait(generation, right);
		assertThat(leftPid).isNotEqualTo(rightPid);
		assertThat(driver().status(generation, left)).isEqualTo(InstanceStatus.RUNNING);

		driver().stop(generation, left);

		assertThat(driver().status(generation, left)).isEqualTo(managerSays().afterStop());
		assertThat(driver().status(generation, right)).isEqualTo(InstanceStatus.RUNNING);
		assertThat(session.harness.pid("right")).hasValue(rightPid);
	}

	@Test
	void throughTheSwitchDependenciesStartFirstAndStopLast() {
		ObjectNode model = JSON.createObjectNode();
		model.putObject("first").set("pkg", session.harness.slowToBeReady("first"));
		model.putObject("second").set("pkg", session.harness.pkg("second").set("dependencies", JSON.valueToTree(List.of("first"))));
		Switcher switcher = new Switcher(session.store, driver(), session.harness.runner(), false, SwitchListener.SILENT,
				Clock.systemUTC());

		assertThat(switcher.switchTo(session.build(model), "contract")).isInstanceOf(SwitchOutcome.Switched.class);
		assertThat(switcher.switchTo(session.build(JSON.createObjectNode()), "")).isInstanceOf(SwitchOutcome.Switched.class);

		assertThat(session.harness.events()).containsExactly("start first", "ready first", "start second", "ready second",
				"stop second", "stop first");
	}

	/** A model of long-running instances with these names. */
	protected final ObjectNode model(String... instances) {
		ObjectNode model = JSON.createObjectNode();
		for (String name : instances) {
			model.putObject(name).set("pkg", session.harness.pkg(name));
		}
		return model;
	}

	/** Loads, starts, and waits until the manager says RUNNING and the process runs; returns its PID. */
	protected final long startAndAwait(ProfileGeneration generation, InstanceEntry instance) {
		driver().load(generation);
		driver().start(generation, instance);
		Recorder.await(() -> session.harness.pid(instance.name()).isPresent(), "the process of " + instance.name());
		awaitStatus(generation, instance, InstanceStatus.RUNNING);
		return session.harness.pid(instance.name()).getAsLong();
	}

	private static boolean running(InstanceStatus status) {
		return status == InstanceStatus.RUNNING || status == InstanceStatus.STARTING;
	}

	static ProcessesModel read(ObjectNode model) {
		return ModelReader.readProcesses(JSON.writeValueAsString(model), false);
	}

	Session session() {
		return session;
	}

	Session open(Path directory) {
		return new Session(directory);
	}

	static Map<String, String> environment(List<String> values) {
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			environment.put("HOSTILE_" + i, values.get(i));
		}
		return environment;
	}

}

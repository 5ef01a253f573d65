package nixproc.switching;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.examples.webapp.Webapp;
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.ProcessCommandRunner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch with the sysvinit driver and the example webapp as real daemons, unprivileged: deploy, check each
 * instance answers, change one, roll back, survive a failed start, recover an interrupted switch, undeploy.
 */
class SwitcherTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path stateDir;

	private Backend backend;

	private Layout layout;

	private GenerationStore store;

	private Driver driver;

	private Switcher switcher;

	@BeforeEach
	void setUp() {
		backend = Backends.byKind(BackendKind.SYSVINIT).orElseThrow();
		layout = new Layout(StateDirs.derive(stateDir.toString(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), true);
		store = new GenerationStore(GenerationStore.profileDir(stateDir, "default"));
		ProcessCommandRunner runner = new ProcessCommandRunner();
		driver = backend.driver(new DriverContext(layout, runner, false));
		switcher = new Switcher(store, driver, runner, false, SwitchListener.SILENT, Clock.systemUTC());
	}

	@AfterEach
	void undeploy() {
		switcher.switchTo(build(Map.of()), "");
	}

	@Test
	void deploysChangesOneInstanceRollsBackAndUndeploys() throws Exception {
		int port1 = freePort();
		int port2 = freePort();
		assertThat(switcher.switchTo(build(Map.of("webapp1", port1, "webapp2", port2)), "m1"))
			.isInstanceOfSatisfying(SwitchOutcome.Switched.class, s -> assertThat(s.generation()).isEqualTo(1));
		assertThat(get(port1)).contains("port: " + port1);
		assertThat(get(port2)).contains("port: " + port2);
		long pid1 = pid("webapp1");
		long pid2 = pid("webapp2");

		int port2b = freePort();
		SwitchOutcome changed = switcher.switchTo(build(Map.of("webapp1", port1, "webapp2", port2b)), "m2");
		assertThat(changed).isInstanceOfSatisfying(SwitchOutcome.Switched.class, s -> {
			assertThat(s.plan().start()).extracting(e -> e.name()).containsExactly("webapp2");
			assertThat(s.plan().keep()).extracting(e -> e.name()).containsExactly("webapp1");
		});
		assertThat(pid("webapp1")).isEqualTo(pid1);
		assertThat(pid("webapp2")).isNotEqualTo(pid2);
		assertThat(get(port2b)).contains("port: " + port2b);

		assertThat(switcher.activate(Switcher.previous(store).orElseThrow()))
			.isInstanceOfSatisfying(SwitchOutcome.Switched.class, s -> assertThat(s.generation()).isEqualTo(1));
		assertThat(get(port2)).contains("port: " + port2);
		assertThat(pid("webapp1")).isEqualTo(pid1);

		assertThat(switcher.switchTo(build(Map.of()), "empty")).isInstanceOf(SwitchOutcome.Switched.class);
		// exited; PID 1 may not have reaped it yet
		assertThat(ReadinessWaiter.running(pid1)).isFalse();
		assertThat(store.current().orElseThrow().manifest().instances()).isEmpty();
	}

	@Test
	void aPortAlreadyTakenRollsBackToThePreviousGenerationStillServing() throws Exception {
		int port1 = freePort();
		int port2 = freePort();
		switcher.switchTo(build(Map.of("webapp1", port1, "webapp2", port2)), "m1");
		long pid2 = pid("webapp2");

		try (ServerSocket squatter = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			int taken = squatter.getLocalPort();
			SwitchOutcome outcome = switcher.switchTo(build(Map.of("webapp1", taken, "webapp2", port2)), "m2");

			assertThat(outcome).isInstanceOfSatisfying(SwitchOutcome.RolledBack.class, rolledBack -> {
				assertThat(rolledBack.failure().instance()).isEqualTo("webapp1");
				assertThat(rolledBack.restored()).isEqualTo(1);
			});
		}
		assertThat(get(port1)).contains("port: " + port1);
		assertThat(pid("webapp2")).isEqualTo(pid2);
		assertThat(store.current()).map(ProfileGeneration::number).contains(1);
		assertThat(store.list()).extracting(ProfileGeneration::number).containsExactly(1);
	}

	@Test
	void aProcessThatExitsAtOnceIsReportedWithItsLog() {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("quitter", Map.of("pkg", Map.of("foregroundProcess", "/bin/sh", "foregroundProcessArgs",
				List.of("-c", "echo 'cannot open the frobnicator' >&2; exit 4"))));
		SwitchOutcome outcome = switcher.switchTo(ProfileBuilder.build(read(model), backend, layout), "q");

		assertThat(outcome).isInstanceOfSatisfying(SwitchOutcome.RolledBack.class, rolledBack -> {
			assertThat(rolledBack.failure().instance()).isEqualTo("quitter");
			assertThat(rolledBack.failure().logTail()).contains("cannot open the frobnicator");
			assertThat(rolledBack.restored()).isZero();
		});
		assertThat(store.current()).isEmpty();
	}

	@Test
	void theNextSwitchFinishesAnInterruptedOneByRestoringWhereItCameFrom() throws Exception {
		int port1 = freePort();
		switcher.switchTo(build(Map.of("webapp1", port1)), "m1");
		long pid1 = pid("webapp1");
		// a switch to generation 2 killed after starting its new webapp3 and stopping webapp1
		int port3 = freePort();
		BuiltProfile interrupted = build(Map.of("webapp3", port3));
		ProfileGeneration half = store.write(interrupted.files(), new nixproc.profile.ProfileManifest(1, 0, "sysvinit",
				java.time.Instant.now(), "m2", interrupted.instances(), nixproc.profile.ProfileManifest.AccountNames.NONE));
		new Journal(1, half.number(), true).write(store.directory());
		ProfileGeneration one = store.get(1).orElseThrow();
		driver.stop(one, one.manifest().instance("webapp1").orElseThrow());
		driver.start(half, half.manifest().instance("webapp3").orElseThrow());
		awaitReady(port3);

		int port4 = freePort();
		SwitchOutcome outcome = switcher.switchTo(build(Map.of("webapp1", port1, "webapp4", port4)), "m3");

		assertThat(outcome).isInstanceOf(SwitchOutcome.Switched.class);
		assertThat(driver.status(half, half.manifest().instance("webapp3").orElseThrow())).isNotEqualTo(InstanceStatus.RUNNING);
		assertThat(get(port1)).contains("port: " + port1);
		assertThat(get(port4)).contains("port: " + port4);
		assertThat(pid("webapp1")).isNotEqualTo(pid1);
		// the half-written generation was dropped; its number went to the finished switch
		assertThat(store.list()).extracting(ProfileGeneration::number).containsExactly(1, 2);
		assertThat(store.current().orElseThrow().manifest().instances()).extracting(e -> e.name())
			.containsExactly("webapp1", "webapp4");
	}

	@Test
	void convergeStartsWhatOfTheCurrentGenerationDoesNotRunAndChangesNothingElse() throws Exception {
		int port1 = freePort();
		int port2 = freePort();
		switcher.switchTo(build(Map.of("webapp1", port1, "webapp2", port2)), "m1");
		long pid1 = pid("webapp1");
		long pid2 = pid("webapp2");
		ProcessHandle victim = ProcessHandle.of(pid2).orElseThrow();
		victim.destroyForcibly();
		victim.onExit().get();

		Switcher.Convergence converged = switcher.converge();

		assertThat(converged.failure()).isEmpty();
		assertThat(converged.started()).containsExactly("webapp2");
		assertThat(get(port2)).contains("port: " + port2);
		assertThat(pid("webapp2")).isNotEqualTo(pid2);
		assertThat(pid("webapp1")).isEqualTo(pid1);
		// no generation is written for it, and a second one has nothing to do
		assertThat(store.list()).extracting(ProfileGeneration::number).containsExactly(1);
		assertThat(switcher.converge().started()).isEmpty();
	}

	/**
	 * Each instance's start script (its {@code initialize}) marks itself active in a shared directory, writes how many
	 * are active, holds the start for a while and unmarks itself: the largest count is how many starts overlapped.
	 * Unbounded, the five overlap beyond the cap; capped, never more than the cap; a cap of 1 starts them one by one.
	 */
	@Test
	void atMostParallelismInstancesStartAtOnce() throws Exception {
		StartOverlap overlaps = new StartOverlap(stateDir.resolve("overlaps"));
		List<String> names = List.of("s1", "s2", "s3", "s4", "s5");

		assertThat(switcher.switchTo(overlapping(names, overlaps, "a"), "m1")).isInstanceOf(SwitchOutcome.Switched.class);
		assertThat(maxOverlap(overlaps, "a")).as("starts without a cap (this test can see overlap)").isGreaterThan(2);

		switcher.switchTo(build(Map.of()), "");
		assertThat(switcher.switchTo(overlapping(names, overlaps, "b"), "m2", 2)).isInstanceOf(SwitchOutcome.Switched.class);
		assertThat(maxOverlap(overlaps, "b")).as("starts with parallelism 2").isBetween(1, 2);

		switcher.switchTo(build(Map.of()), "");
		assertThat(switcher.switchTo(overlapping(names, overlaps, "c"), "m3", 1)).isInstanceOf(SwitchOutcome.Switched.class);
		assertThat(maxOverlap(overlaps, "c")).as("starts with parallelism 1").isEqualTo(1);
		assertThat(overlaps.counts("c")).hasSize(names.size());
	}

	/** Sleepers whose start records, in the counts file {@code run}, how many starts are active at that moment. */
	private BuiltProfile overlapping(List<String> names, StartOverlap overlaps, String run) {
		Map<String, Object> model = new LinkedHashMap<>();
		for (String name : names) {
			model.put(name, Map.of("pkg", Map.of("foregroundProcess", "/bin/sleep", "foregroundProcessArgs",
					List.of("600"), "initialize", overlaps.initialize(name, run))));
		}
		return ProfileBuilder.build(read(model), backend, layout);
	}

	private static int maxOverlap(StartOverlap overlaps, String run) {
		return overlaps.counts(run).stream().mapToInt(Integer::intValue).max().orElse(0);
	}

	private BuiltProfile build(Map<String, Integer> webapps) {
		Map<String, Object> model = new LinkedHashMap<>();
		new java.util.TreeMap<>(webapps).forEach((name, port) -> model.put(name, webapp(port)));
		return ProfileBuilder.build(read(model), backend, layout);
	}

	private static Map<String, Object> webapp(int port) {
		String classpath = Path.of(Webapp.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
		String java = ProcessHandle.current().info().command().orElse("java");
		return Map.of("port", port, "pkg", Map.of("foregroundProcess", java, "foregroundProcessArgs",
				List.of("-XX:TieredStopAtLevel=1", "-Xmx32m", "-cp", classpath, Webapp.class.getName()), "environment",
				Map.of("PORT", Integer.toString(port)), "readiness", Map.of("tcpPort", port, "timeout", 20)));
	}

	private static ProcessesModel read(Map<String, Object> model) {
		return ModelReader.readProcesses(JSON.writeValueAsString(model), false);
	}

	private long pid(String instance) {
		ProfileGeneration current = store.current().orElseThrow();
		String pidFile = current.manifest().instance(instance).orElseThrow().pidFile().orElseThrow();
		OptionalLong pid = ReadinessWaiter.readPid(Path.of(pidFile));
		assertThat(pid).as("PID in %s", pidFile).isPresent();
		return pid.getAsLong();
	}

	private static void awaitReady(int port) {
		Awaitility.await("port " + port + " to accept connections")
			.atMost(Duration.ofSeconds(10))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptionsInstanceOf(IOException.class) // refused: not yet
			.until(() -> {
				try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
					return true;
				}
			});
	}

	private static String get(int port) throws Exception {
		return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}


}

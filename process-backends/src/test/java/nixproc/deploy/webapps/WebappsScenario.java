package nixproc.deploy.webapps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.DriverContext;
import nixproc.deploy.BuiltProfile;
import nixproc.deploy.ProfileBuilder;
import nixproc.deploy.SwitchListener;
import nixproc.deploy.SwitchOutcome;
import nixproc.deploy.Switcher;
import nixproc.examples.webapp.Webapp;
import nixproc.generation.Generation;
import nixproc.generation.GenerationStore;
import nixproc.generation.InstanceEntry;
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.run.ProcessCommandRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The seed's webapps tests (reference §6.2, {@code webapps-agnostic-*.nix}) written once: two webapps behind an
 * nginx routing by Host header, deployed with real daemons through {@link Switcher}. Leaves choose the backend and
 * the privilege profile (style G15); a leaf that cannot run here fails, it never skips.
 */
abstract class WebappsScenario {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path stateDir;

	private Backend backend;

	private Layout layout;

	private GenerationStore store;

	private Switcher switcher;

	private WebappsModel model;

	/** The backend under test. */
	abstract BackendKind kind();

	/** Root and user changes allowed, or {@code --force-disable-user-change}. */
	abstract boolean privileged();

	@BeforeEach
	void setUp() throws IOException {
		boolean root = "root".equals(System.getProperty("user.name"));
		if (privileged() && !root) {
			fail("this leaf deploys as root; run the tests as root (the CI image does) or select the unprivileged leaves");
		}
		backend = Backends.byKind(kind()).orElseThrow(() -> new AssertionError(kind() + " is not registered in Backends"));
		// the privileged leaf also uses a temp state dir: tests must not collide with each other or the machine's /var
		layout = new Layout(StateDirs.derive(stateDir.toString(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), !privileged());
		store = new GenerationStore(GenerationStore.profileDir(stateDir, "webapps"));
		ProcessCommandRunner runner = new ProcessCommandRunner();
		switcher = new Switcher(store, backend.driver(new DriverContext(layout, runner, privileged())), runner, privileged(),
				SwitchListener.SILENT, Clock.systemUTC());
		model = new WebappsModel(Map.of("webapp1", freePort(), "webapp2", freePort()), freePort(), javaWebapp());
	}

	@AfterEach
	void undeploy() {
		switcher.switchTo(build(Map.of()), "");
		// whatever undeploy left behind (a manager of the profile's own) must not outlive the test; the undeploy
		// test asserts there is nothing
		Processes.mentioning(stateDir).forEach(ProcessHandle::destroy);
	}

	@Test
	void nginxRoutesEachHostToItsWebapp() {
		assertThat(switcher.switchTo(build(model), "m1")).isInstanceOf(SwitchOutcome.Switched.class);

		assertThat(viaNginx("webapp1")).contains("Simple test webapp listening on port: " + port("webapp1"));
		assertThat(viaNginx("webapp2")).contains("Simple test webapp listening on port: " + port("webapp2"));
		assertThat(Processes.get(model.nginxPort(), "unknown.local")).contains("503").contains("unavailable at the moment");
	}

	@Test
	void changingOnePortRestartsExactlyThatWebappAndNginxAndRollbackRestoresIt() {
		switcher.switchTo(build(model), "m1");
		Map<String, Long> before = pids();
		int oldPort = port("webapp2");
		WebappsModel changed = model.withPort("webapp2", freePort());

		SwitchOutcome outcome = switcher.switchTo(build(changed), "m2");

		assertThat(outcome).isInstanceOfSatisfying(SwitchOutcome.Switched.class, switched -> {
			assertThat(switched.plan().stop()).extracting(InstanceEntry::name).containsExactly("nginx", "webapp2");
			assertThat(switched.plan().start()).extracting(InstanceEntry::name).containsExactly("webapp2", "nginx");
			assertThat(switched.plan().keep()).extracting(InstanceEntry::name).containsExactly("webapp1");
		});
		model = changed;
		Map<String, Long> after = pids();
		assertThat(after.get("webapp1")).isEqualTo(before.get("webapp1"));
		assertThat(after.get("webapp2")).isNotEqualTo(before.get("webapp2"));
		assertThat(after.get("nginx")).isNotEqualTo(before.get("nginx"));
		assertThat(ProcessHandle.of(before.get("webapp2"))).isEmpty();
		assertThat(viaNginx("webapp2")).contains("listening on port: " + port("webapp2"));

		assertThat(switcher.activate(Switcher.previous(store).orElseThrow()))
			.isInstanceOfSatisfying(SwitchOutcome.Switched.class, s -> assertThat(s.generation()).isEqualTo(1));
		model = model.withPort("webapp2", oldPort);
		assertThat(viaNginx("webapp2")).contains("listening on port: " + oldPort);
		assertThat(viaNginx("webapp1")).contains("listening on port: " + port("webapp1"));
		assertThat(pids().get("webapp1")).isEqualTo(before.get("webapp1"));
	}

	@Test
	void undeployLeavesNoProcessOfTheProfileRunning() {
		switcher.switchTo(build(model), "m1");
		List<ProcessHandle> ours = new ArrayList<>();
		pids().values().forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> {
			ours.add(p);
			p.descendants().forEach(ours::add);
		}));
		assertThat(ours).hasSizeGreaterThanOrEqualTo(4); // two webapps, nginx's master and worker

		assertThat(switcher.switchTo(build(Map.of()), "empty")).isInstanceOf(SwitchOutcome.Switched.class);

		awaitGone(ours);
		assertThat(ours).filteredOn(ProcessHandle::isAlive).isEmpty();
		assertThat(Processes.mentioning(stateDir)).isEmpty();
		assertThat(Processes.get(model.nginxPort(), "webapp1.local")).startsWith("(no answer");
	}

	@Test
	void aPortAlreadyTakenRollsBackAndThePreviousGenerationServesThroughNginx() throws IOException {
		switcher.switchTo(build(model), "m1");
		long webapp2 = Processes.listening(port("webapp2"));
		try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			SwitchOutcome outcome = switcher.switchTo(build(model.withPort("webapp1", squatter.getLocalPort())), "m2");

			assertThat(outcome).isInstanceOfSatisfying(SwitchOutcome.RolledBack.class, rolledBack -> {
				assertThat(rolledBack.failure().instance()).isEqualTo("webapp1");
				assertThat(rolledBack.restored()).isEqualTo(1);
			});
		}
		assertThat(viaNginx("webapp1")).contains("listening on port: " + port("webapp1"));
		assertThat(viaNginx("webapp2")).contains("listening on port: " + port("webapp2"));
		assertThat(Processes.listening(port("webapp2"))).isEqualTo(webapp2);
		assertThat(store.list()).extracting(Generation::number).containsExactly(1);
	}

	@Test
	void aWebappThatExitsAtOnceIsNamedWithItsReasonAndRolledBack() {
		switcher.switchTo(build(model), "m1");
		Map<String, Object> broken = model.toMap();
		@SuppressWarnings("unchecked")
		Map<String, Object> webapp3 = new LinkedHashMap<>((Map<String, Object>) broken.get("webapp1"));
		@SuppressWarnings("unchecked")
		Map<String, Object> pkg = new LinkedHashMap<>((Map<String, Object>) webapp3.get("pkg"));
		pkg.put("environment", Map.of("PID_FILE", "${runtimeDir}/${instanceName}.pid")); // no PORT: the webapp refuses to run
		pkg.put("readiness", Map.of("tcpPort", freePort(), "timeout", 5));
		webapp3.put("pkg", pkg);
		broken.put("webapp3", webapp3);

		SwitchOutcome outcome = switcher.switchTo(build(broken), "m2");

		assertThat(outcome).isInstanceOfSatisfying(SwitchOutcome.RolledBack.class, rolledBack -> {
			assertThat(rolledBack.failure().instance()).isEqualTo("webapp3");
			assertThat(rolledBack.failure().reason() + rolledBack.failure().logTail()).containsAnyOf("set PORT", "exited", "failed");
			assertThat(rolledBack.restored()).isEqualTo(1);
		});
		assertThat(viaNginx("webapp1")).contains("listening on port: " + port("webapp1"));
	}

	private String viaNginx(String webapp) {
		return Processes.get(model.nginxPort(), WebappsModel.dnsName(webapp));
	}

	private int port(String webapp) {
		return model.webappPorts().get(webapp);
	}

	/** PID per instance, found by its listening port: the same way for every backend. */
	private Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		model.webappPorts().forEach((name, port) -> pids.put(name, Processes.listening(port)));
		pids.put("nginx", Processes.listening(model.nginxPort()));
		return pids;
	}

	private BuiltProfile build(WebappsModel webapps) {
		return build(webapps.toMap());
	}

	private BuiltProfile build(Map<String, Object> map) {
		return ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(map), false), backend, layout);
	}

	/** The example webapp from the test classpath: the launcher script needs a packaged jar, this needs only classes. */
	private static List<String> javaWebapp() {
		String classpath = Path.of(Webapp.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
		String java = ProcessHandle.current().info().command().orElse("java");
		return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-cp", classpath, Webapp.class.getName());
	}

	private static void awaitGone(List<ProcessHandle> processes) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

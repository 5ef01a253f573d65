package nixproc.switching.webapps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.DriverContext;
import nixproc.examples.webapp.Webapp;
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
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

	private final List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());

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
				new SwitchListener() {
					@Override
					public void note(String message) {
						notes.add(message);
					}
				}, Clock.systemUTC());
		// accounts unique to this test, so that nothing on the machine (or another test run) shares them
		Optional<String> accounts = privileged() ? Optional.of("nxm" + Long.toString(System.nanoTime() % 2_000_000_000L, 36) + "-")
				: Optional.empty();
		model = new WebappsModel(Map.of("webapp1", freePort(), "webapp2", freePort()), freePort(), javaWebapp(), accounts);
		if (privileged()) {
			// as /var is: processes running as their own users must reach their directories (a @TempDir is 0700)
			Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		InitState.create(layout, runner);
	}

	@AfterEach
	void undeploy() {
		switcher.switchTo(build(Map.of()), "");
		// whatever undeploy left behind (a manager of the profile's own, an account) must not outlive the test; the
		// undeploy test asserts there is nothing
		Processes.mentioning(stateDir).forEach(ProcessHandle::destroy);
		for (String account : model.accountNames(kind())) {
			Accounts.delete(account);
		}
	}

	@Test
	void nginxRoutesEachHostToItsWebapp() {
		assertThat(switcher.switchTo(build(model), "m1")).isInstanceOf(SwitchOutcome.Switched.class);

		assertThat(viaNginx("webapp1")).contains("Simple test webapp listening on port: " + port("webapp1"));
		assertThat(viaNginx("webapp2")).contains("Simple test webapp listening on port: " + port("webapp2"));
		assertThat(Processes.get(model.nginxPort(), "unknown.local")).contains("503").contains("unavailable at the moment");
		assertRunAsTheirAccounts();
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
		// the generation switched back to needs the same accounts: none may have gone
		assertRunAsTheirAccounts();
		assertThat(model.accountNames(kind())).allSatisfy(account -> assertThat(Accounts.exists(account)).as(account).isTrue());
		assertThat(notes).isEmpty();
	}

	@Test
	void undeployLeavesNoProcessOfTheProfileRunning() {
		SwitchOutcome deployed = switcher.switchTo(build(model), "m1");
		assertThat(deployed).as(deployed.toString()).isInstanceOf(SwitchOutcome.Switched.class);
		List<ProcessHandle> ours = new ArrayList<>();
		pids().values().forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> {
			ours.add(p);
			p.descendants().forEach(ours::add);
		}));
		assertThat(ours).hasSizeGreaterThanOrEqualTo(4); // two webapps, nginx's master and worker
		assertThat(model.accountNames(kind())).allSatisfy(account -> assertThat(Accounts.exists(account)).as(account).isTrue());

		assertThat(switcher.switchTo(build(Map.of()), "empty")).isInstanceOf(SwitchOutcome.Switched.class);

		// the children of the stopped processes (nginx's worker) may end a moment after them
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(ours).filteredOn(ProcessHandle::isAlive).isEmpty());
		assertThat(Processes.mentioning(stateDir)).isEmpty();
		assertThat(Processes.get(model.nginxPort(), "webapp1.local")).startsWith("(no answer");
		// users, then groups: every account the deployment created is gone again
		assertThat(notes).isEmpty();
		assertThat(model.accountNames(kind())).allSatisfy(account -> {
			assertThat(Accounts.exists(account)).as("user or group " + account).isFalse();
		});
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
		assertThat(store.list()).extracting(ProfileGeneration::number).containsExactly(1);
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

	/**
	 * Each webapp runs as its account and nginx's workers as nginx's (its master stays root, as the seed's); without
	 * accounts, everything runs as the user who deployed (the seed's {@code pgrep -u} checks), except nginx's workers,
	 * which nginx itself moves to {@code nobody} when its master is root and its configuration names no user.
	 */
	private void assertRunAsTheirAccounts() {
		String caller = System.getProperty("user.name");
		model.webappPorts().forEach((name, port) -> assertThat(owner(ProcessHandle.of(Processes.listening(port)).orElseThrow()))
			.as(name + "'s user")
			.isEqualTo(model.account(name).orElse(caller)));
		ProcessHandle nginx = ProcessHandle.of(Processes.listening(model.nginxPort())).orElseThrow();
		assertThat(owner(nginx)).as("nginx master's user").isEqualTo(caller);
		String workers = model.account("nginx").orElse("root".equals(caller) ? "nobody" : caller);
		assertThat(nginx.children().toList()).as("nginx workers")
			.isNotEmpty()
			.allSatisfy(worker -> assertThat(owner(worker)).as("nginx worker's user").isEqualTo(workers));
	}

	private static String owner(ProcessHandle process) {
		return process.info().user().orElseThrow(() -> new AssertionError("no user for process " + process.pid()));
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

	/**
	 * The example webapp from the test classpath (the launcher script needs a packaged jar, this needs only classes),
	 * installed under the state dir: the webapps' own users must read it, and a Maven repository often is private.
	 */
	private List<String> javaWebapp() throws IOException {
		Path classes = Path.of(Webapp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
		Path installed = stateDir.resolve("webapp-classes").resolve(classes.getFileName());
		try (java.util.stream.Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.toList()) {
				Path target = installed.resolve(classes.relativize(file).toString());
				Files.createDirectories(Files.isDirectory(file) ? target : target.getParent());
				if (!Files.isDirectory(file)) {
					Files.copy(file, target);
				}
			}
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-cp", installed.toString(),
				Webapp.class.getName());
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

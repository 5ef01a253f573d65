package nixproc.switching;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.DriverContext;
import nixproc.model.BackendKind;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.ProfileBuilder;
import nixproc.run.ProcessCommandRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 17 item 4, the attack as it was tried: on a privileged target, an instance with a {@code user} keeps its PID
 * file in the world-writable tmp directory (the seed's rule, which models rely on), where any local user may plant
 * one naming another process (here a root {@code sleep}, standing in for sshd). Root believed it: the switch
 * reported the instance ready though it never started, and stopping it killed the planted process.
 */
class PlantedPidFileTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** An account every Debian-like system has, the instance's user. */
	private static final String INSTANCE_USER = "daemon";

	/** The local attacker. */
	private static final String ATTACKER = "nobody";

	@TempDir
	Path stateDir;

	private Layout layout;

	private Process unrelated;

	@BeforeEach
	void setUp() throws IOException {
		if (!"root".equals(System.getProperty("user.name"))) {
			fail("this test deploys as root, as a privileged agent does; run the tests as root (the CI image does)");
		}
		Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwxr-xr-x"));
		layout = new Layout(StateDirs.derive(stateDir.toString(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), false);
		InitState.create(layout, new ProcessCommandRunner());
		unrelated = new ProcessBuilder("sleep", "600").start();
	}

	@AfterEach
	void tearDown() {
		unrelated.destroyForcibly();
	}

	@ParameterizedTest // #17
	@EnumSource(names = { "SYSVINIT", "DISNIX" })
	void aPlantedPidFileDoesNotMakeASwitchReportReady(BackendKind kind) throws Exception {
		Switcher switcher = switcher(kind);
		plant(unrelated.pid());

		// a daemon that cannot start
		SwitchOutcome outcome = switcher.switchTo(build(kind, "exit 1"), "broken");

		assertThat(outcome).as("the instance never started").isNotInstanceOf(SwitchOutcome.Switched.class);
		assertThat(unrelated.isAlive()).isTrue();
	}

	@ParameterizedTest // #17
	@EnumSource(names = { "SYSVINIT", "DISNIX" })
	void anUndeployDoesNotKillTheProcessAPlantedPidFileNames(BackendKind kind) throws Exception {
		Switcher switcher = switcher(kind);
		Path pidFile = Path.of(layout.dirs().tmpDir(), "victimd.pid");
		// a daemon that runs; it exits later and leaves its PID file behind, which the attacker replaces
		String daemon = "sleep 600 </dev/null >/dev/null 2>&1 & echo $! >\"$PID_FILE\"";
		assertThat(switcher.switchTo(build(kind, daemon), "working")).isInstanceOf(SwitchOutcome.Switched.class);
		long started = Long.parseLong(Files.readString(pidFile).strip());
		ProcessHandle.of(started).ifPresent(ProcessHandle::destroyForcibly);
		Files.delete(pidFile);
		plant(unrelated.pid());

		switcher.switchTo(build(kind, null), "undeployed");

		assertThat(unrelated.isAlive()).as("the planted PID's process after the undeploy").isTrue();
	}

	private Path plant(long pid) throws IOException {
		Path pidFile = Path.of(layout.dirs().tmpDir(), "victimd.pid");
		Files.writeString(pidFile, pid + "\n");
		Files.setOwner(pidFile, FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(ATTACKER));
		return pidFile;
	}

	private Switcher switcher(BackendKind kind) {
		Backend backend = Backends.byKind(kind).orElseThrow();
		ProcessCommandRunner runner = new ProcessCommandRunner();
		return new Switcher(new GenerationStore(GenerationStore.profileDir(stateDir, "planted")),
				backend.driver(new DriverContext(layout, runner, true)), runner, true, new SwitchListener() {
				}, Clock.systemUTC());
	}

	/** victimd, running {@code script} with sh as the instance's user; none when {@code script} is null. */
	private BuiltProfile build(BackendKind kind, String script) {
		Map<String, Object> model = script == null ? Map.of()
				: Map.of("victimd", Map.of("pkg", Map.of("daemon", "/bin/sh", "daemonArgs", List.of("-c", script),
						"user", INSTANCE_USER, "environment", Map.of("PID_FILE", "${tmpDir}/${instanceName}.pid"))));
		return ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false),
				Backends.byKind(kind).orElseThrow(), layout);
	}

}

package nixproc.backend.cygrunsrv;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.SimulatedDriverContract;
import nixproc.backend.SimulatedManager;
import nixproc.process.Layout;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.CommandResult;
import nixproc.run.RecordingCommandRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver contract against Windows' service control manager played at {@code cygrunsrv} (no Cygwin here), and
 * the exact {@code cygrunsrv} sequences (style G8): installing for real, unlike the seed's echo.
 */
class CygrunsrvDriverTest extends SimulatedDriverContract {

	@Override
	protected Backend backend() {
		return new CygrunsrvBackend();
	}

	@Override
	protected SimulatedManager simulatedManager() {
		return new Scm();
	}

	/**
	 * The driver removes the service it stopped; a service whose program died is "Stopped" to the service control
	 * manager, as one that was stopped.
	 */
	@Override
	protected ManagerSays managerSays() {
		return new ManagerSays(InstanceStatus.UNKNOWN, InstanceStatus.UNKNOWN, InstanceStatus.STOPPED);
	}

	/** {@code cygrunsrv} and the service control manager's Win32 errors, for services {@code nix-process-<name>}. */
	private static final class Scm extends SimulatedManager {

		@Override
		protected CommandResult answer(List<String> argv) {
			if (argv.size() < 3 || !argv.get(0).equals("cygrunsrv")) {
				return ok();
			}
			String service = argv.get(2);
			String name = service.substring("nix-process-".length());
			State state = state(name);
			if (state == State.UNKNOWN && !argv.get(1).equals("--install")) {
				return reply(1, "cygrunsrv: Error " + argv.get(1).substring(2) + "ing a service: OpenService:  Win32 error 1060:\n"
						+ "The specified service does not exist as an installed service.");
			}
			switch (argv.get(1)) {
				case "--install":
					if (state != State.UNKNOWN) {
						return reply(1, "cygrunsrv: Error installing a service: CreateService:  Win32 error 1073:\n"
								+ "The specified service already exists.");
					}
					set(name, State.KNOWN);
					return ok();
				case "--start":
					if (state == State.RUNNING) {
						return reply(1, "cygrunsrv: Error starting a service: StartService:  Win32 error 1056:\n"
								+ "An instance of the service is already running.");
					}
					set(name, State.RUNNING);
					return ok();
				case "--stop":
					if (state != State.RUNNING) {
						return reply(1, "cygrunsrv: Error stopping a service: ControlService:  Win32 error 1062:\n"
								+ "The service has not been started.");
					}
					set(name, State.KNOWN);
					return ok();
				case "--remove":
					set(name, State.UNKNOWN);
					return ok();
				case "--query":
					return reply(0, "Service             : " + service + "\nCurrent State       : "
							+ (state == State.RUNNING ? "Running" : "Stopped") + "\nCommand             : /bin/sh\n");
				default:
					return reply(1, "cygrunsrv: Unknown option " + argv.get(1));
			}
		}

	}

	@TempDir
	Path dir;

	private final RecordingCommandRunner runner = new RecordingCommandRunner();

	private ProfileGeneration generation;

	private InstanceEntry nginx;

	private InstanceEntry webapp1;

	private Driver driver;

	@BeforeEach
	void generation() {
		ProfileBuilder.build(CygrunsrvGeneratorTest.example("webapps.json"), new CygrunsrvBackend(), Layout.privileged()).files()
			.writeTo(dir.resolve("2"));
		nginx = entry("nginx", List.of("nix-process-nginx-cygrunsrvparams", "nix-process-nginx-foregroundproxy.sh"));
		webapp1 = entry("webapp1", List.of("nix-process-webapp1-cygrunsrvparams"));
		generation = new ProfileGeneration(2, dir.resolve("2"), new ProfileManifest(ProfileManifest.FORMAT_VERSION, 2, "cygrunsrv", Instant.EPOCH, "0",
				List.of(webapp1, nginx), ProfileManifest.AccountNames.NONE));
		driver = new CygrunsrvBackend().driver(new DriverContext(Layout.privileged(), runner, true));
	}

	/** What the driver installs webapp1 with: its parameter file's arguments. */
	private static final List<String> INSTALL_WEBAPP1 = List.of("cygrunsrv", "--install", "nix-process-webapp1", "--path",
			"/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp", "--disp", "nix-process-webapp1", "--env",
			"PID_FILE=/tmp/webapp1.pid", "--env", "PORT=5000");

	private static InstanceEntry entry(String name, List<String> files) {
		return new InstanceEntry(name, "h", List.of(), files, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
	}

	@Test
	void startInstallsWithTheParameterFileThenStarts() {
		String missing = "The specified service does not exist as an installed service.";
		runner.answer(List.of("cygrunsrv", "--query", "nix-process-webapp1"), 1, missing);
		runner.answer(List.of("cygrunsrv", "--query", "nix-process-nginx"), 1, missing);
		driver.load(generation);
		driver.start(generation, webapp1);
		driver.start(generation, nginx);
		String proxy = dir.resolve("2/nix-process-nginx-foregroundproxy.sh").toAbsolutePath().toString();
		assertThat(runner.calls()).containsExactly(List.of("cygrunsrv", "--query", "nix-process-webapp1"),
				INSTALL_WEBAPP1,
				List.of("cygrunsrv", "--start", "nix-process-webapp1"), List.of("cygrunsrv", "--query", "nix-process-nginx"),
				List.of("cygrunsrv", "--install", "nix-process-nginx", "--path", proxy, "--disp", "nix-process-nginx", "--dep",
						"nix-process-webapp1", "--dep", "nix-process-webapp2"),
				List.of("cygrunsrv", "--start", "nix-process-nginx"));
	}

	@Test // #15: a service left installed (its program died) was installed again, which cygrunsrv refuses
	void startReplacesAServiceStillInstalled() {
		runner.answer(List.of("cygrunsrv", "--query", "nix-process-webapp1"), 0, "Current State       : Stopped\n");
		driver.start(generation, webapp1);
		assertThat(runner.calls()).containsExactly(List.of("cygrunsrv", "--query", "nix-process-webapp1"),
				List.of("cygrunsrv", "--remove", "nix-process-webapp1"),
				INSTALL_WEBAPP1,
				List.of("cygrunsrv", "--start", "nix-process-webapp1"));
	}

	@Test
	void stopStopsARunningServiceAndRemovesIt() {
		runner.answer(List.of("cygrunsrv", "--query", "nix-process-nginx"), 0,
				"Service             : nix-process-nginx\nCurrent State       : Running\nCommand             : /bin/sh\n");
		driver.stop(generation, nginx);
		assertThat(runner.calls()).containsExactly(List.of("cygrunsrv", "--query", "nix-process-nginx"),
				List.of("cygrunsrv", "--stop", "nix-process-nginx"), List.of("cygrunsrv", "--remove", "nix-process-nginx"));
	}

	@Test
	void stopOfAStoppedServiceOnlyRemovesItAndOfAnUnknownOneDoesNothing() {
		runner.answer(List.of("cygrunsrv", "--query", "nix-process-nginx"), 0, "Current State       : Stopped\n");
		runner.answer(List.of("cygrunsrv", "--query", "nix-process-webapp1"), 1,
				"cygrunsrv: Error querying a service: OpenService:  Win32 error 1060:\nThe specified service does not exist as an installed service.");
		driver.stop(generation, nginx);
		driver.stop(generation, webapp1);
		assertThat(runner.calls()).containsExactly(List.of("cygrunsrv", "--query", "nix-process-nginx"),
				List.of("cygrunsrv", "--remove", "nix-process-nginx"), List.of("cygrunsrv", "--query", "nix-process-webapp1"));
	}

	@Test
	void statusFollowsTheCurrentState() {
		List<String> query = List.of("cygrunsrv", "--query", "nix-process-webapp1");
		runner.answer(query, 0, "Current State       : Running\n")
			.answer(query, 0, "Current State       : Start Pending\n")
			.answer(query, 0, "Current State       : Stopped\n")
			.answer(query, 1, "The specified service does not exist as an installed service.");
		List<InstanceStatus> seen = java.util.stream.IntStream.range(0, 4).mapToObj(i -> driver.status(generation, webapp1)).toList();
		assertThat(seen).containsExactly(InstanceStatus.RUNNING, InstanceStatus.STARTING, InstanceStatus.STOPPED, InstanceStatus.UNKNOWN);
		assertThat(runner.calls()).containsExactly(query, query, query, query);
	}

}

package nixproc.backend.systemd;

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
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;
import nixproc.run.RecordingCommandRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver contract against systemd played at {@code systemctl} (systemd is not PID 1 here), and the exact
 * {@code systemctl} sequences (style G8).
 */
class SystemdDriverTest extends SimulatedDriverContract {

	@Override
	protected Backend backend() {
		return new SystemdBackend();
	}

	@Override
	protected SimulatedManager simulatedManager() {
		return new Systemctl();
	}

	/** {@code disable} removes the unit's link and reloads: the manager no longer knows a stopped unit. */
	@Override
	protected ManagerSays managerSays() {
		return new ManagerSays(InstanceStatus.UNKNOWN, InstanceStatus.UNKNOWN, InstanceStatus.FAILED);
	}

	/** {@code systemctl --user}, as the contract deploys unprivileged, for units {@code nix-process-<name>.service}. */
	private static final class Systemctl extends SimulatedManager {

		@Override
		protected CommandResult answer(List<String> argv) {
			if (argv.isEmpty() || !argv.get(0).equals("systemctl")) {
				return ok();
			}
			List<String> args = argv.subList(argv.contains("--user") ? 2 : 1, argv.size());
			if (args.isEmpty() || args.get(0).equals("daemon-reload")) {
				return ok();
			}
			String unit = args.get(args.size() - 1);
			unit = unit.substring(unit.lastIndexOf('/') + 1);
			String name = unit.substring("nix-process-".length(), unit.length() - ".service".length());
			State state = state(name);
			switch (args.get(0)) {
				case "is-enabled":
					return state == State.UNKNOWN
							? reply(1, "Failed to get unit file state for " + unit + ": No such file or directory") : reply(0, "enabled");
				case "enable":
					if (state == State.UNKNOWN) {
						set(name, State.KNOWN);
					}
					return reply(0, "Created symlink " + unit + ".");
				case "start":
					if (state == State.UNKNOWN) {
						return reply(5, "Failed to start " + unit + ": Unit " + unit + " not found.");
					}
					set(name, State.RUNNING);
					return ok();
				case "stop":
					if (state == State.UNKNOWN) {
						return reply(5, "Failed to stop " + unit + ": Unit " + unit + " not loaded.");
					}
					set(name, State.KNOWN);
					return ok();
				case "disable":
					if (state == State.UNKNOWN) {
						return reply(1, "Failed to disable unit: Unit file " + unit + " does not exist.");
					}
					set(name, State.UNKNOWN);
					return reply(0, "Removed " + unit + ".");
				case "show":
					return reply(0, switch (state) {
						case UNKNOWN -> "LoadState=not-found\nActiveState=inactive\n";
						case KNOWN -> "LoadState=loaded\nActiveState=inactive\n";
						case RUNNING -> "LoadState=loaded\nActiveState=active\n";
						case DIED -> "LoadState=loaded\nActiveState=failed\n";
					});
				default:
					return reply(1, "Unknown command verb " + args.get(0) + ".");
			}
		}

	}

	private static final Path GENERATION_DIR = Path.of("/var/nixproc/profiles/processes/7");

	private static final InstanceEntry WEBAPP1 = instance("webapp1");

	private static final InstanceEntry NGINX = instance("nginx");

	private static final ProfileGeneration GENERATION = new ProfileGeneration(7, GENERATION_DIR, new ProfileManifest(ProfileManifest.FORMAT_VERSION, 7,
			"systemd", Instant.EPOCH, "0", List.of(WEBAPP1, NGINX), ProfileManifest.AccountNames.NONE));

	private final RecordingCommandRunner runner = new RecordingCommandRunner();

	private static InstanceEntry instance(String name) {
		return new InstanceEntry(name, "hash-" + name, List.of(),
				List.of("dysnomia-support/users/" + name, "etc/systemd/system/nix-process-" + name + ".service"),
				Optional.empty(), Optional.empty(), Optional.of(name), Optional.empty());
	}

	private Driver driver(boolean privileged) {
		return new SystemdBackend().driver(new DriverContext(Layout.privileged(), runner, privileged));
	}

	@Test
	void systemManagerDeploymentReloadsThenEnablesAndStartsEachUnitByItsPathInTheGeneration() {
		Driver driver = driver(true);
		driver.load(GENERATION);
		driver.start(GENERATION, WEBAPP1);
		driver.start(GENERATION, NGINX);
		assertThat(runner.calls()).containsExactly(List.of("systemctl", "is-enabled", "nix-process-webapp1.service"),
				List.of("systemctl", "is-enabled", "nix-process-nginx.service"), List.of("systemctl", "daemon-reload"),
				List.of("systemctl", "enable", "--force", "/var/nixproc/profiles/processes/7/etc/systemd/system/nix-process-webapp1.service"),
				List.of("systemctl", "start", "nix-process-webapp1.service"),
				List.of("systemctl", "enable", "--force", "/var/nixproc/profiles/processes/7/etc/systemd/system/nix-process-nginx.service"),
				List.of("systemctl", "start", "nix-process-nginx.service"));
	}

	@Test
	void unprivilegedDeploymentTalksToTheUserManager() {
		Driver driver = driver(false);
		driver.load(GENERATION);
		driver.start(GENERATION, WEBAPP1);
		driver.stop(GENERATION, WEBAPP1);
		assertThat(runner.calls()).containsExactly(List.of("systemctl", "--user", "is-enabled", "nix-process-webapp1.service"),
				List.of("systemctl", "--user", "is-enabled", "nix-process-nginx.service"), List.of("systemctl", "--user", "daemon-reload"),
				List.of("systemctl", "--user", "enable", "--force",
						"/var/nixproc/profiles/processes/7/etc/systemd/system/nix-process-webapp1.service"),
				List.of("systemctl", "--user", "start", "nix-process-webapp1.service"),
				List.of("systemctl", "--user", "stop", "nix-process-webapp1.service"),
				List.of("systemctl", "--user", "disable", "nix-process-webapp1.service"));
	}

	@Test
	void loadRePointsTheUnitsTheManagerAlreadyHasIntoTheNewGenerationWithoutRestartingThem() {
		// webapp1 was kept unchanged from generation 6 and is still linked there; nginx changed and was stopped (disabled)
		runner.answer(List.of("systemctl", "is-enabled", "nix-process-webapp1.service"), 0, "enabled\n");
		runner.answer(List.of("systemctl", "is-enabled", "nix-process-nginx.service"), 1,
				"Failed to get unit file state for nix-process-nginx.service: No such file or directory\n");
		Driver driver = driver(true);
		driver.load(GENERATION);
		driver.load(GENERATION);
		List<List<String>> once = List.of(List.of("systemctl", "is-enabled", "nix-process-webapp1.service"),
				List.of("systemctl", "enable", "--force", "--no-reload",
						"/var/nixproc/profiles/processes/7/etc/systemd/system/nix-process-webapp1.service"),
				List.of("systemctl", "is-enabled", "nix-process-nginx.service"), List.of("systemctl", "daemon-reload"));
		List<List<String>> twice = new java.util.ArrayList<>(once);
		twice.addAll(once);
		// idempotent: the same harmless sequence again, and never a start, stop or restart
		assertThat(runner.calls()).containsExactlyElementsOf(twice);
	}

	@Test
	void stoppingAUnitTheManagerNeverLoadedIsNotAnError() {
		runner.answer(List.of("systemctl", "stop", "nix-process-nginx.service"), 5, "Failed to stop nix-process-nginx.service: Unit nix-process-nginx.service not loaded.");
		runner.answer(List.of("systemctl", "disable", "nix-process-nginx.service"), 1, "Failed to disable unit: Unit file nix-process-nginx.service does not exist.");
		driver(true).stop(GENERATION, NGINX);
		assertThat(runner.calls()).containsExactly(List.of("systemctl", "stop", "nix-process-nginx.service"),
				List.of("systemctl", "disable", "nix-process-nginx.service"));
	}

	@Test
	void aRefusedStartFailsWithSystemctlsWordsAndStartsNothingElse() {
		runner.answer(List.of("systemctl", "start", "nix-process-webapp1.service"), 1,
				"Job for nix-process-webapp1.service failed because the control process exited with error code.");
		assertThatThrownBy(() -> driver(true).start(GENERATION, WEBAPP1)).isInstanceOf(CommandFailedException.class)
			.hasMessageContaining("exited with status 1")
			.hasMessageContaining("control process exited with error code");
		assertThat(runner.calls()).hasSize(2);
	}

	@Test
	void statusComesFromLoadStateAndActiveState() {
		List<String> show = List.of("systemctl", "show", "--property=LoadState,ActiveState", "nix-process-webapp1.service");
		runner.answer(show, 0, "LoadState=loaded\nActiveState=active\n")
			.answer(show, 0, "LoadState=loaded\nActiveState=activating\n")
			.answer(show, 0, "LoadState=loaded\nActiveState=failed\n")
			.answer(show, 0, "LoadState=loaded\nActiveState=inactive\n")
			.answer(show, 0, "LoadState=not-found\nActiveState=inactive\n");
		Driver driver = driver(true);
		List<InstanceStatus> seen = java.util.stream.IntStream.range(0, 5).mapToObj(i -> driver.status(GENERATION, WEBAPP1)).toList();
		assertThat(seen).containsExactly(InstanceStatus.RUNNING, InstanceStatus.STARTING, InstanceStatus.FAILED,
				InstanceStatus.STOPPED, InstanceStatus.UNKNOWN);
		assertThat(runner.calls()).containsExactly(show, show, show, show, show);
	}

}

package nixproc.backend.launchd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Generator;
import nixproc.backend.InstanceStatus;
import nixproc.backend.SimulatedDriverContract;
import nixproc.backend.SimulatedManager;
import nixproc.model.BackendKind;
import nixproc.process.Layout;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;
import nixproc.run.RecordingCommandRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver contract against launchd played at {@code launchctl} (no macOS here), and the exact {@code launchctl}
 * sequences (style G8) and the plist copies in the target directory.
 */
class LaunchdDriverTest extends SimulatedDriverContract {

	/** The launchd backend, with the plist copies in the state directory instead of {@code ~/Library/LaunchAgents}. */
	@Override
	protected Backend backend() {
		LaunchdBackend launchd = new LaunchdBackend();
		return new Backend() {

			@Override
			public BackendKind kind() {
				return launchd.kind();
			}

			@Override
			public Capabilities capabilities() {
				return launchd.capabilities();
			}

			@Override
			public Generator generator() {
				return launchd.generator();
			}

			@Override
			public Driver driver(DriverContext context) {
				return new LaunchdDriver(context.runner(), Path.of(context.layout().dirs().stateDir(), "LaunchAgents"));
			}

		};
	}

	@Override
	protected SimulatedManager simulatedManager() {
		return new Launchctl();
	}

	/** {@code unload -w} takes a stopped job out of launchd, and its copy is removed. */
	@Override
	protected ManagerSays managerSays() {
		return new ManagerSays(InstanceStatus.UNKNOWN, InstanceStatus.UNKNOWN, InstanceStatus.FAILED);
	}

	/**
	 * The legacy subcommands the driver uses, for jobs {@code org.nixos.<name>}; {@code load} of a loaded job says so
	 * and exits 0, as launchctl's legacy subcommands do for most refusals.
	 */
	private static final class Launchctl extends SimulatedManager {

		@Override
		protected CommandResult answer(List<String> argv) {
			if (argv.size() < 3 || !argv.get(0).equals("launchctl")) {
				return ok();
			}
			String job = argv.get(argv.size() - 1);
			job = job.substring(job.lastIndexOf('/') + 1).replaceFirst("\\.plist$", "");
			String name = job.substring("org.nixos.".length());
			State state = state(name);
			switch (argv.get(1)) {
				case "load":
					if (state != State.UNKNOWN) {
						return reply(0, argv.get(argv.size() - 1) + ": service already loaded");
					}
					set(name, State.KNOWN);
					return ok();
				case "start":
					if (state == State.UNKNOWN) {
						return reply(3, "Could not find service \"" + job + "\"");
					}
					set(name, State.RUNNING);
					return ok();
				case "stop":
					if (state == State.RUNNING) {
						set(name, State.KNOWN);
					}
					return ok();
				case "unload":
					set(name, State.UNKNOWN);
					return ok();
				case "list":
					return switch (state) {
						case UNKNOWN -> reply(113, "Could not find service \"" + job + "\" in domain for port");
						case KNOWN -> reply(0, "{\n\t\"Label\" = \"" + job + "\";\n\t\"LastExitStatus\" = 0;\n};\n");
						case RUNNING -> reply(0, "{\n\t\"Label\" = \"" + job + "\";\n\t\"PID\" = 4242;\n};\n");
						case DIED -> reply(0, "{\n\t\"Label\" = \"" + job + "\";\n\t\"LastExitStatus\" = 768;\n};\n");
					};
				default:
					return reply(1, "Unrecognized subcommand: " + argv.get(1));
			}
		}

	}

	@TempDir
	Path dir;

	private final RecordingCommandRunner runner = new RecordingCommandRunner();

	private ProfileGeneration generation;

	private InstanceEntry webapp1;

	private Path target;

	private LaunchdDriver driver;

	@BeforeEach
	void generation() {
		GeneratedFiles files = ProfileBuilder.build(LaunchdGeneratorTest.example("webapps.json"), new LaunchdBackend(), Layout.privileged()).files();
		files.writeTo(dir.resolve("3"));
		webapp1 = new InstanceEntry("webapp1", "h", List.of(),
				List.of("Library/LaunchDaemons/org.nixos.webapp1.plist", "dysnomia-support/users/webapp1"), Optional.empty(),
				Optional.empty(), Optional.of("webapp1"), Optional.empty());
		generation = new ProfileGeneration(3, dir.resolve("3"), new ProfileManifest(ProfileManifest.FORMAT_VERSION, 3, "launchd", Instant.EPOCH, "0",
				List.of(webapp1), ProfileManifest.AccountNames.NONE));
		target = dir.resolve("LaunchDaemons");
		driver = new LaunchdDriver(runner, target);
	}

	@Test
	void startCopiesThePlistThenLoadsPersistentlyAndStarts() throws Exception {
		driver.load(generation);
		driver.start(generation, webapp1);
		Path installed = target.resolve("org.nixos.webapp1.plist");
		assertThat(runner.calls()).containsExactly(List.of("launchctl", "load", "-w", installed.toString()),
				List.of("launchctl", "start", "org.nixos.webapp1"));
		assertThat(Files.readAllBytes(installed))
			.isEqualTo(Files.readAllBytes(generation.directory().resolve("Library/LaunchDaemons/org.nixos.webapp1.plist")));
		assertThat(Files.isSymbolicLink(installed)).as("launchd wants a real file, as the seed copies it").isFalse();
	}

	@Test
	void stopStopsUnloadsPersistentlyAndRemovesTheCopy() throws Exception {
		driver.start(generation, webapp1);
		runner.clear();
		driver.stop(generation, webapp1);
		Path installed = target.resolve("org.nixos.webapp1.plist");
		assertThat(runner.calls()).containsExactly(List.of("launchctl", "list", "org.nixos.webapp1"),
				List.of("launchctl", "stop", "org.nixos.webapp1"), List.of("launchctl", "unload", "-w", installed.toString()));
		assertThat(installed).doesNotExist();
	}

	@Test
	void stoppingAJobLaunchdDoesNotKnowOnlyAsksAndRemovesNothingElse() {
		runner.answer(List.of("launchctl", "list", "org.nixos.webapp1"), 113, "Could not find service \"org.nixos.webapp1\" in domain for port");
		driver.stop(generation, webapp1);
		assertThat(runner.calls()).containsExactly(List.of("launchctl", "list", "org.nixos.webapp1"));
	}

	@Test
	void aRefusedLoadFailsWithLaunchctlsWordsBeforeAnyStart() {
		Path installed = target.resolve("org.nixos.webapp1.plist");
		runner.answer(List.of("launchctl", "load", "-w", installed.toString()), 1, "Load failed: 5: Input/output error");
		assertThatThrownBy(() -> driver.start(generation, webapp1)).isInstanceOf(CommandFailedException.class)
			.hasMessageContaining("Input/output error");
		assertThat(runner.calls()).containsExactly(List.of("launchctl", "load", "-w", installed.toString()));
	}

	@Test
	void statusReadsLaunchctlList() {
		List<String> list = List.of("launchctl", "list", "org.nixos.webapp1");
		runner.answer(list, 0, "{\n\t\"LimitLoadToSessionType\" = \"System\";\n\t\"Label\" = \"org.nixos.webapp1\";\n\t\"PID\" = 4242;\n};\n")
			.answer(list, 0, "{\n\t\"Label\" = \"org.nixos.webapp1\";\n\t\"LastExitStatus\" = 256;\n};\n")
			.answer(list, 0, "{\n\t\"Label\" = \"org.nixos.webapp1\";\n\t\"LastExitStatus\" = 0;\n};\n")
			.answer(list, 113, "Could not find service");
		List<InstanceStatus> seen = java.util.stream.IntStream.range(0, 4).mapToObj(i -> driver.status(generation, webapp1)).toList();
		assertThat(seen).containsExactly(InstanceStatus.RUNNING, InstanceStatus.FAILED, InstanceStatus.STOPPED, InstanceStatus.UNKNOWN);
		assertThat(runner.calls()).containsExactly(list, list, list, list);
	}

	@Test
	void loadBringsAnInstalledCopyInStepWithTheGenerationWithoutTouchingLaunchd() throws Exception {
		driver.start(generation, webapp1);
		Path installed = target.resolve("org.nixos.webapp1.plist");
		// a copy left by an interrupted switch or edited by hand
		Files.writeString(installed, "<plist/>");
		runner.clear();
		driver.load(generation);
		byte[] wanted = Files.readAllBytes(generation.directory().resolve("Library/LaunchDaemons/org.nixos.webapp1.plist"));
		assertThat(Files.readAllBytes(installed)).isEqualTo(wanted);
		java.nio.file.attribute.FileTime refreshed = Files.getLastModifiedTime(installed);
		Thread.sleep(20);
		driver.load(generation);
		assertThat(Files.getLastModifiedTime(installed)).as("an equal copy is left alone").isEqualTo(refreshed);
		assertThat(runner.calls()).isEmpty();
		try (var entries = Files.list(target)) {
			assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("org.nixos.webapp1.plist");
		}
	}

	@Test
	void loadInstallsNothingLaunchdDoesNotHave() {
		driver.load(generation);
		assertThat(target.resolve("org.nixos.webapp1.plist")).doesNotExist();
		assertThat(runner.calls()).isEmpty();
	}

}

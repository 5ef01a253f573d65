package nixproc.backend.systemd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.InstanceStatus;
import nixproc.model.ModelReader;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.Command;
import nixproc.run.CommandResult;
import nixproc.run.ProcessCommandRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real systemd user manager, where one answers (issue 4 item 6: the one allowed skip). In a container
 * without systemd as PID 1 {@code systemctl --user is-system-running} fails and the test is aborted with the reason.
 */
class SystemdDriverLiveTest {

	@Test
	void aUnitIsEnabledStartedStoppedAndDisabledByTheUserManager(@TempDir Path dir) throws Exception {
		ProcessCommandRunner runner = new ProcessCommandRunner();
		CommandResult manager = runner.run(Command.of("systemctl", "--user", "is-system-running"));
		String state = manager.output().strip();
		boolean usable = state.equals("running") || state.equals("degraded");
		if (!usable) {
			System.err.println("SystemdDriverLiveTest skipped: no usable systemd user manager (systemctl --user is-system-running: "
					+ (state.isEmpty() ? "exit " + manager.exitCode() : state) + ")");
		}
		Assumptions.assumeTrue(usable, "no usable systemd user manager: systemctl --user is-system-running says '" + state + "'");

		String name = "nixproc-it-" + ProcessHandle.current().pid();
		String model = "{\"" + name + "\":{\"pkg\":{\"foregroundProcess\":\"/bin/sleep\",\"args\":[\"300\"],"
				+ "\"environment\":{\"HOSTILE\":\"a \\\"b\\\" $c %d\"}}}}";
		GeneratedFiles files = ProfileBuilder.build(ModelReader.readProcesses(model, false), new SystemdBackend(),
				SystemdFixtures.unprivileged()).files();
		Path generationDir = dir.resolve("1");
		files.writeTo(generationDir);
		String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(
				generationDir.resolve(SystemdGenerator.UNIT_DIR + SystemdGenerator.unitName(name)))));
		InstanceEntry instance = new InstanceEntry(name, hash, List.of(), List.copyOf(files.files().keySet()), Optional.empty(),
				Optional.empty(), Optional.empty(), Optional.empty());
		ProfileGeneration generation = new ProfileGeneration(1, generationDir, new ProfileManifest(ProfileManifest.FORMAT_VERSION, 1, "systemd",
				Instant.now(), "0", List.of(instance), ProfileManifest.AccountNames.NONE));

		Driver driver = new SystemdBackend().driver(new DriverContext(SystemdFixtures.unprivileged(), runner, false));
		try {
			driver.load(generation);
			driver.start(generation, instance);
			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.RUNNING);
			CommandResult environment = runner.run(Command.of("systemctl", "--user", "show", "--property=Environment",
					SystemdGenerator.unitName(name)));
			assertThat(environment.output()).contains("HOSTILE=");
		}
		finally {
			driver.stop(generation, instance);
		}
		driver.load(generation);
		assertThat(driver.status(generation, instance)).isIn(InstanceStatus.UNKNOWN, InstanceStatus.STOPPED);
	}

}

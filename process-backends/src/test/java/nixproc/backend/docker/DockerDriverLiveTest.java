package nixproc.backend.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.InstanceStatus;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.Command;
import nixproc.run.CommandResult;
import nixproc.run.ProcessCommandRunner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real Docker engine, where one answers (issue 4 item 6: the one allowed skip). Where {@code docker info}
 * fails the test is aborted with the reason. The image is {@code nixproc.docker.testImage} (default
 * {@code busybox:1.36}), pulled when the engine does not have it.
 */
class DockerDriverLiveTest {

	@Test
	void aContainerIsCreatedStartedWritesIntoTheBoundStateDirAndIsStoppedAndRemoved(@TempDir Path dir) throws Exception {
		ProcessCommandRunner runner = new ProcessCommandRunner();
		CommandResult info = runner.run(Command.of("docker", "info", "--format", "{{.ServerVersion}}"));
		if (!info.succeeded()) {
			System.err.println("DockerDriverLiveTest skipped: no Docker engine answers (docker info: exit " + info.exitCode() + ": "
					+ info.output().strip() + ")");
		}
		Assumptions.assumeTrue(info.succeeded(), "no Docker engine answers: docker info exited " + info.exitCode());

		String image = System.getProperty("nixproc.docker.testImage", "busybox:1.36");
		if (!runner.run(Command.of("docker", "image", "inspect", image)).succeeded()) {
			assertThat(runner.run(Command.of("docker", "pull", image)).succeeded()).as("docker pull " + image).isTrue();
		}
		String name = "nixproc-it-" + ProcessHandle.current().pid();
		Path state = dir.resolve("var");
		String model = """
				{"%s": {"pkg": {"foregroundProcess": "/bin/sh", "args": ["-c", "printf '%%s' \\"$HOSTILE\\" > %s/out; exec sleep 300"],
				  "environment": {"HOSTILE": "a 'b' \\"c\\" $d `e` %%f"}, "stopTimeout": 2,
				  "overrides": {"docker": {"dockerImageTag": "%s"}}}}}""".formatted(name, state, image);
		Layout layout = new Layout(StateDirs.derive(state.toString(), Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), true);
		GeneratedFiles files = ProfileBuilder.build(ModelReader.readProcesses(model, false), new DockerBackend(), layout).files();
		Path generationDir = dir.resolve("1");
		files.writeTo(generationDir);
		java.nio.file.Files.createDirectories(state);
		InstanceEntry instance = new InstanceEntry(name, "h", List.of(), List.copyOf(files.files().keySet()), Optional.empty(),
				Optional.empty(), Optional.empty(), Optional.empty());
		ProfileGeneration generation = new ProfileGeneration(1, generationDir, new ProfileManifest(ProfileManifest.FORMAT_VERSION, 1, "docker",
				Instant.now(), "0", List.of(instance), ProfileManifest.AccountNames.NONE));

		Driver driver = new DockerBackend().driver(new DriverContext(layout, runner, false));
		try {
			driver.start(generation, instance);
			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.RUNNING);
			Path out = state.resolve("out");
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(out).exists());
			assertThat(java.nio.file.Files.readString(out)).isEqualTo("a 'b' \"c\" $d `e` %f");
		}
		finally {
			driver.stop(generation, instance);
		}
		assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.UNKNOWN);
	}

}

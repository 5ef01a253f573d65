package nixproc.backend.disnix;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import nixproc.backend.Backend;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LiveDriverContract;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.ProcessCommandRunner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver contract with the generated wrappers run for real (a foreground recorder daemonised by
 * {@code start-stop-daemon}), and a PID file naming a zombie.
 */
class DisnixDriverTest extends LiveDriverContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected Backend backend() {
		return DisnixGeneratorTest.BACKEND;
	}

	/** The wrappers run from the generation: the PID file is all there is, and none means stopped. */
	@Override
	protected ManagerSays managerSays() {
		return new ManagerSays(InstanceStatus.STOPPED, InstanceStatus.STOPPED, InstanceStatus.FAILED);
	}

	/** A process that exited and was not reaped yet answers {@code kill -0}; it is not running all the same. */
	@Test
	void aZombieNamedByThePidFileIsNotRunning() throws Exception {
		// the child exits once its parent has become sleep, which never reaps it (a child that exited before the exec
		// could be reaped by the shell)
		Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 0.3 & echo $!; exec sleep 603").start();
		try {
			long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream(),
					StandardCharsets.UTF_8)).readLine().strip());
			Path stat = Path.of("/proc", Long.toString(zombie), "stat");
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(25))
				.untilAsserted(() -> assertThat(Files.readString(stat)).as("a zombie").matches("(?s).*\\) Z .*"));
			ObjectNode model = JSON.createObjectNode();
			model.putObject("quitter").putObject("pkg").put("foregroundProcess", "/bin/true");
			ProfileGeneration generation = deploy(model);
			InstanceEntry instance = instance(generation, "quitter");
			Path pidFile = Path.of(instance.pidFile().orElseThrow());
			Files.createDirectories(pidFile.getParent());
			Files.writeString(pidFile, zombie + "\n");

			assertThat(new ProcessCommandRunner().run(Command.of("kill", "-0", Long.toString(zombie))).succeeded())
				.as("kill -0 answers for it")
				.isTrue();
			assertThat(driver().status(generation, instance)).isEqualTo(InstanceStatus.FAILED);
		}
		finally {
			parent.destroyForcibly().waitFor();
		}
	}

}

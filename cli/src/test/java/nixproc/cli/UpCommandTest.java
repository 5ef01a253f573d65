package nixproc.cli;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nixproc up}'s bad input is refused before anything starts or is written: exit 2, the field or part at fault
 * named. (The network itself, through the launcher, is UpEndToEndTest's.)
 */
class UpCommandTest {

	@TempDir
	Path tmp;

	@Test
	void aTargetWithAnUnknownProcessManagerIsRefusedWithTheManagersThereAre() throws Exception {
		CliRun run = CliRun.of("up", "--state-dir", tmp.resolve("state").toString(), "--targets",
				"test1=sysvinit,test2=upstart");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err().strip()).startsWith("nixproc: --targets: test2: unknown process manager 'upstart' (one of "
				+ "sysvinit, bsdrc, supervisord").doesNotContain("\tat ");
		assertThat(tmp.resolve("state")).doesNotExist();
	}

	@Test
	void aTargetSpecThatIsNotNameEqualsManagerIsRefused() throws Exception {
		CliRun run = CliRun.of("up", "--state-dir", tmp.resolve("state").toString(), "--targets", "test1");

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--targets: 'test1' is not NAME=PROCESS_MANAGER");
	}

	@Test
	void aPortTakenByAnotherProcessIsNamedWithItsPartAndNothingIsWritten() throws Exception {
		try (ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			// the coordinator's port free (and the ones after it, but for model-service's, taken here)
			int coordinator = first.getLocalPort();
			first.close();
			try (ServerSocket modelService = new ServerSocket(coordinator + 2, 50, InetAddress.getLoopbackAddress())) {
				CliRun run = CliRun.of("up", "--state-dir", tmp.resolve("state").toString(), "--port",
						Integer.toString(coordinator));

				assertThat(run.exitCode()).isEqualTo(2);
				assertThat(run.err()).contains("model-service: port " + (coordinator + 2)
						+ " on 127.0.0.1 is taken by another process").contains("choose another with --port");
				assertThat(tmp.resolve("state")).doesNotExist();
			}
		}
	}

	@Test
	void aDeployDirectoryThatDoesNotExistIsRefused() throws Exception {
		CliRun run = CliRun.of("up", "--state-dir", tmp.resolve("state").toString(), "--deploy",
				tmp.resolve("none").toString());

		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--deploy: " + tmp.resolve("none") + " is not a directory of models");
		assertThat(tmp.resolve("state")).doesNotExist();
	}

}

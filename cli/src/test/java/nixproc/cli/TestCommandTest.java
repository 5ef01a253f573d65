package nixproc.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nixproc test} on the webapps example (examples/webapps/processes.yaml with free ports and the launcher's
 * absolute path; checks from examples/checks/webapps.yaml): the seed's matrix with real managers and daemons.
 */
class TestCommandTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@TempDir
	Path tmp;

	@Test
	void theWebappsExamplePassesOnEveryManagerAndProfile() throws IOException {
		CliRun run = CliRun.of("test", webapps().toString(), "--process-managers", "sysvinit,supervisord,s6-rc", "--profiles",
				"privileged,unprivileged", "--checks", ROOT.resolve("examples/checks/webapps.yaml").toString());

		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		for (String variant : new String[] { "sysvinit/privileged", "sysvinit/unprivileged", "supervisord/privileged",
				"supervisord/unprivileged", "s6-rc/privileged", "s6-rc/unprivileged" }) {
			assertThat(run.out()).containsPattern("(?m)^" + Pattern.quote(variant) + " +passed +\\d+\\.\\d s");
		}
		assertThat(run.out()).contains("all 6 variants passed");
	}

	@Test
	void aFailingVariantExitsOneAndKeepsItsLogs() throws IOException {
		Path checks = Files.writeString(tmp.resolve("checks.yaml"), """
				timeout: 3
				tests:
				  nginx: ['curl -sf -H "Host: webapp1.local" http://127.0.0.1:$port/ | grep -q "port: $webapp2_port"']
				""");
		CliRun run = CliRun.of("test", webapps().toString(), "--checks", checks.toString());

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILED);
		Matcher row = Pattern.compile("(?m)^sysvinit/unprivileged +FAILED .*tests nginx: `.*` exited with 1 \\(logs kept in (\\S+)\\)$")
			.matcher(run.out());
		assertThat(row.find()).as(run.out()).isTrue();
		Path kept = Path.of(row.group(1));
		assertThat(kept.resolve("nixproc-test.log")).exists();
		assertThat(kept.resolve("log")).isDirectory();
		delete(kept);
	}

	@Test
	void badOptionsAndChecksAreUsageErrorsBeforeAnythingIsDeployed() throws IOException {
		Path model = webapps();
		CliRun profile = CliRun.of("test", model.toString(), "--profiles", "guest");
		assertThat(profile.exitCode()).isEqualTo(2);
		assertThat(profile.err()).startsWith("nixproc: --profiles: must be privileged or unprivileged, not 'guest'");

		CliRun manager = CliRun.of("test", model.toString(), "--process-managers", "upstart");
		assertThat(manager.exitCode()).isEqualTo(2);
		assertThat(manager.err()).startsWith("nixproc: --process-managers: unknown process manager upstart");

		Path checks = Files.writeString(tmp.resolve("bad.yaml"), "timeout: forever\n");
		CliRun badChecks = CliRun.of("test", model.toString(), "--checks", checks.toString());
		assertThat(badChecks.exitCode()).isEqualTo(2);
		assertThat(badChecks.err()).startsWith("nixproc: /timeout: --checks " + checks);

		Path nix = Files.writeString(tmp.resolve("processes.nix"), "{ stateDir }: { webapp = ");
		CliRun badModel = CliRun.of("test", nix.toString());
		assertThat(badModel.exitCode()).isEqualTo(2);
		assertThat(badModel.err()).contains("syntax error");
		assertThat(badModel.out()).doesNotContain("testing");
	}

	/** examples/webapps/processes.yaml with free ports and the webapp launcher's absolute path. */
	private Path webapps() throws IOException {
		assertThat(ROOT.resolve("examples/webapp/target/webapp.jar")).as("run ./mvnw -pl examples/webapp package").exists();
		Path launcher = ROOT.resolve("examples/webapp/webapp");
		String text = Files.readString(ROOT.resolve("examples/webapps/processes.yaml"))
			.replace("5000", String.valueOf(freePort()))
			.replace("5001", String.valueOf(freePort()))
			.replace("8080", String.valueOf(freePort()))
			.replace("daemon: ../webapp/webapp", "daemon: " + launcher)
			.replace("foregroundProcess: ../webapp/webapp", "foregroundProcess: " + launcher);
		return Files.writeString(tmp.resolve("processes.yaml"), text);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

}

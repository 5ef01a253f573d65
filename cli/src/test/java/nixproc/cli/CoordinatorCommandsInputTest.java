package nixproc.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator commands' input checks, which need no coordinator: bad input is exit 2 naming the option or the
 * field before the network is asked; a coordinator that cannot be reached is exit 4. Against a real coordinator:
 * the coordinator module's CliEndToEndTest.
 */
class CoordinatorCommandsInputTest {

	@TempDir
	Path dir;

	@Test
	void missingModelFilesAreNamedAtTheirPart() throws IOException {
		CliRun run = CliRun.of("deploy", "-s", dir.resolve("services.yaml").toString(), "-i",
				dir.resolve("infrastructure.json").toString(), "-d", dir.toString(), "--coordinator", unreachable());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err().lines()).containsExactly(
				"nixproc: /services: cannot read " + dir.resolve("services.yaml") + " (no such file)",
				"nixproc: /infrastructure: cannot read " + dir.resolve("infrastructure.json") + " (no such file)",
				"nixproc: /distribution: cannot read " + dir + " (a directory)");
	}

	@Test
	void aModelIsGivenAsThreeFilesOrARevision() throws IOException {
		CliRun incomplete = CliRun.of("plan", "-s", "services.json");
		assertThat(incomplete.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(incomplete.err()).isEqualTo("nixproc: missing -i/--infrastructure, -d/--distribution (give the "
				+ "services, infrastructure and distribution models, or --revision)" + System.lineSeparator());

		CliRun both = CliRun.of(with(models("exec"), "deploy", "--revision", "abc"));
		assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(both.err()).contains("--revision: give a revision or model files, not both");
	}

	@Test
	void anInvalidModelIsRefusedHereNamingTheField() throws IOException {
		String[] files = models("nosuch");

		CliRun run = CliRun.of(with(files, "deploy", "--coordinator", unreachable()));

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).startsWith("nixproc: /services/client/dependsOn/server: ");
	}

	@Test
	void anUnreachableCoordinatorIsExit4AndNotBadInput() throws IOException {
		String url = unreachable();

		CliRun deploy = CliRun.of(with(models("server"), "deploy", "--coordinator", url));
		CliRun targets = CliRun.of("targets", "--coordinator", url);

		assertThat(deploy.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
		assertThat(deploy.err().strip()).isEqualTo("nixproc: cannot reach the coordinator at " + url
				+ "/ (connection refused)");
		assertThat(targets.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
	}

	@Test
	void badOptionsAreExit2NamingTheOption() throws IOException {
		assertThat(CliRun.of("targets", "--coordinator", "ftp://example").err())
			.isEqualTo("nixproc: --coordinator: not an http(s) URL with a host: ftp://example" + System.lineSeparator());
		assertThat(CliRun.of("targets", "--token-file", dir.resolve("token").toString()).err())
			.isEqualTo("nixproc: --token-file: cannot read " + dir.resolve("token") + " (no such file)"
					+ System.lineSeparator());
		Files.writeString(dir.resolve("empty"), "\n");
		CliRun empty = CliRun.of("status", "--token-file", dir.resolve("empty").toString());
		assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(empty.err()).contains("is empty");
		CliRun timeout = CliRun.of(with(models("server"), "deploy", "--step-timeout", "0"));
		assertThat(timeout.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(timeout.err()).contains("--step-timeout: must be at least 1, not 0");
		assertThat(CliRun.of("status", "--wait").exitCode()).isEqualTo(ExitCodes.USAGE);
	}

	/** server and client on alpha, the client depending on {@code dependency}; as -s -i -d arguments. */
	private String[] models(String dependency) throws IOException {
		Path services = Files.writeString(dir.resolve("services.yaml"), """
				server: { name: server, pkg: { foregroundProcess: /bin/sleep, foregroundProcessArgs: ["60"] } }
				client: { name: client, dependsOn: { server: %s }, pkg: { foregroundProcess: /bin/sleep } }
				""".formatted(dependency));
		Path infrastructure = Files.writeString(dir.resolve("infrastructure.json"),
				"{ \"alpha\": { \"properties\": { \"hostname\": \"alpha.local\" }, \"processManager\": \"sysvinit\" } }");
		Path distribution = Files.writeString(dir.resolve("distribution.yml"), "{ server: [alpha], client: [alpha] }");
		return new String[] { "-s", services.toString(), "-i", infrastructure.toString(), "-d",
				distribution.toString() };
	}

	private static String[] with(String[] files, String... command) {
		String[] argv = new String[command.length + files.length];
		System.arraycopy(command, 0, argv, 0, command.length);
		System.arraycopy(files, 0, argv, command.length, files.length);
		return argv;
	}

	/** A URL nothing listens on: a port just released. */
	private static String unreachable() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
	}

}

package nixproc.cli.testdriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver's own contract, on a one-webapp model with sysvinit, unprivileged (fast, real processes). */
class TestDriverTest {

	private static final Variant VARIANT = new Variant(BackendKind.SYSVINIT, Profile.UNPRIVILEGED);

	@TempDir
	Path tmp;

	private static TestDriver.ModelSource oneWebapp() {
		int port = WebappsExample.freePort();
		String yaml = """
				webapp:
				  port: %d
				  pkg:
				    daemon: %s
				    daemonArgs: ["-D"]
				    pidFile: ${runtimeDir}/webapp.pid
				    environment: { PORT: "%d", PID_FILE: "${runtimeDir}/webapp.pid" }
				    readiness: { tcpPort: %d, timeout: 20 }
				""".formatted(port, WebappsExample.ROOT.resolve("examples/webapp/webapp"), port, port);
		return (layout, manager) -> WebappsExample.read(yaml);
	}

	@Test
	void aPassingVariantIsUndeployedAndLeavesNothing() {
		Checks checks = new Checks(List.of("test -d \"$stateDir\""), Map.of("*", List.of("curl -sf http://127.0.0.1:$port/")),
				Map.of("webapp", List.of("curl -sf http://127.0.0.1:$port/ | grep -q \"port: $port\"")), List.of("true"),
				Duration.ofSeconds(10));
		VariantResult result = new TestDriver(oneWebapp(), checks).run(VARIANT);

		assertThat(result.failure()).isEmpty();
		assertThat(result.keptLogs()).isEmpty();
		assertThat(result.took()).isPositive();
	}

	@Test
	void aHangingCheckIsReportedAsATimeoutAndTheLogsAreKept() throws IOException {
		Checks checks = new Checks(List.of(), Map.of(), Map.of("webapp", List.of("echo started; sleep 60")), List.of(),
				Duration.ofSeconds(2));
		long start = System.nanoTime();
		VariantResult result = new TestDriver(oneWebapp(), checks).run(VARIANT);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		assertThat(result.failure()).contains("tests webapp: `echo started; sleep 60` timed out after 2 s");
		Path kept = result.keptLogs().orElseThrow();
		assertThat(Files.readString(kept.resolve(TestDriver.LOG))).contains("== tests webapp: `echo started; sleep 60`\nstarted\n");
		assertThat(TestDriver.mentioning(kept)).as("undeployed although the check failed").isEmpty();
		WebappsExampleCleanup.delete(kept);
	}

	@Test
	void aFailingCheckNamesThePhaseInstanceAndExitStatus() {
		Checks checks = new Checks(List.of("exit 3"), Map.of(), Map.of(), List.of(), Duration.ofSeconds(5));
		VariantResult result = new TestDriver(oneWebapp(), checks).run(VARIANT);

		assertThat(result.failure()).contains("initialTests: `exit 3` exited with 3");
		WebappsExampleCleanup.delete(result.keptLogs().orElseThrow());
	}

	@Test
	void aDeploymentThatFailsIsTheVariantsFailure() {
		String yaml = "webapp:\n  pkg:\n    foregroundProcess: /bin/false\n    readiness: { tcpPort: " + WebappsExample.freePort()
				+ ", timeout: 3 }\n";
		VariantResult result = new TestDriver((layout, manager) -> WebappsExample.read(yaml), Checks.NONE).run(VARIANT);

		assertThat(result.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("deploy: webapp: "));
		WebappsExampleCleanup.delete(result.keptLogs().orElseThrow());
	}

	@Test
	void readinessIsRetriedUntilItSucceeds() throws IOException {
		Path flag = tmp.resolve("flag");
		// succeeds on the third try
		String command = "n=$(cat " + flag + " 2>/dev/null || echo 0); echo $((n+1)) > " + flag + "; [ $n -ge 2 ]";
		Checks checks = new Checks(List.of(), Map.of("webapp", List.of(command)), Map.of(), List.of(), Duration.ofSeconds(10));
		VariantResult result = new TestDriver(oneWebapp(), checks).run(VARIANT);

		assertThat(result.failure()).isEmpty();
		assertThat(Files.readString(flag).trim()).isEqualTo("3");
	}

	@Test
	void theChecksFileNamesBadFields() throws IOException {
		Path file = Files.writeString(tmp.resolve("checks.yaml"), "timeout: 0\n");
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ModelException.class, () -> ChecksFile.read(file)).problems())
			.extracting(p -> p.pointer()).containsExactly("/timeout");
		Files.writeString(file, "tests: { nginx: [ 5 ] }\n");
		assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ModelException.class, () -> ChecksFile.read(file)).problems())
			.extracting(p -> p.pointer()).containsExactly("/tests/nginx/0");
		Checks example = ChecksFile.read(WebappsExample.CHECKS);
		assertThat(example.tests()).containsKeys("nginx", "webapp1", "webapp2");
		assertThat(example.timeout()).isEqualTo(Duration.ofSeconds(20));
	}

}

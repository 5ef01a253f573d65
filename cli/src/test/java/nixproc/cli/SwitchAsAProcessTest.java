package nixproc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nixproc switch} in a JVM of its own (style G18, black box): the {@code NIXPROC_*} environment defaults, a
 * {@code kill -9} in the middle of a switch, a process manager that is not installed.
 */
class SwitchAsAProcessTest {

	@TempDir
	Path dir;

	@AfterEach
	void undeploy() {
		CliRun.of("switch", "-P", "sysvinit", "--state-dir", dir.resolve("state").toString(), "--force-disable-user-change", "--undeploy");
		CliRun.of("switch", "-P", "sysvinit", "--state-dir", dir.resolve("env-state").toString(), "--force-disable-user-change",
				"--runtime-dir", dir.resolve("env-run").toString(), "--undeploy");
		sleepers("34[0-9]{2}").forEach(ProcessHandle::destroy);
	}

	@Test
	void theSeedsEnvironmentVariablesStandInForTheOptions() throws Exception {
		// a declared user: as root without NIXPROC_FORCE_DISABLE_USER_CHANGE=1 it would run as nobody
		Path model = Files.writeString(dir.resolve("env.json"), """
				{"e": {"pkg": {"foregroundProcess": "/bin/sleep", "foregroundProcessArgs": ["3401"], "user": "nobody",
				  "configFiles": [{"path": "${tmpDir}/e.conf", "content": "t"}, {"path": "${cacheDir}/e.conf", "content": "c"}]}}}
				""");
		Map<String, String> env = Map.of("NIXPROC_PROCESS_MANAGER", "sysvinit", "NIXPROC_STATE_DIR", dir.resolve("env-state").toString(),
				"NIXPROC_RUNTIME_DIR", dir.resolve("env-run").toString(), "NIXPROC_LOG_DIR", dir.resolve("env-log").toString(),
				"NIXPROC_TMP_DIR", dir.resolve("env-tmp").toString(), "NIXPROC_CACHE_DIR", dir.resolve("env-cache").toString(),
				"NIXPROC_FORCE_DISABLE_USER_CHANGE", "1");

		CliProcess.Result run = CliProcess.run(dir, env, "switch", model.toString());

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(dir.resolve("env-state/nixproc/profiles/default/current")).isSymbolicLink();
		// a foreground process nixproc daemonises has its PID file in runtimeDir, where only root (here: the caller)
		// writes, even with a declared user, and its output in logDir (#17; the seed used tmpDir)
		assertThat(dir.resolve("env-run/e.pid")).isRegularFile();
		assertThat(dir.resolve("env-log/nixproc-e.log")).exists();
		assertThat(dir.resolve("env-tmp/e.conf")).hasContent("t");
		assertThat(dir.resolve("env-cache/e.conf")).hasContent("c");
		assertThat(sleepers("3401")).singleElement()
			.satisfies(p -> assertThat(p.info().user()).contains(System.getProperty("user.name")));

		CliProcess.Result undeploy = CliProcess.run(dir, env, "switch", "--undeploy");
		assertThat(undeploy.exitCode()).as(undeploy.err()).isZero();
		assertThat(sleepers("3401")).isEmpty();
	}

	@Test
	void anOptionOnTheCommandLineWinsOverItsVariable() throws Exception {
		Path model = Files.writeString(dir.resolve("m.json"), "{\"s\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"3402\"]}}}");

		CliProcess.Result run = CliProcess.run(dir, Map.of("NIXPROC_PROCESS_MANAGER", "upstart", "NIXPROC_STATE_DIR",
				dir.resolve("elsewhere").toString()), "switch", "-P", "sysvinit", "--state-dir", dir.resolve("state").toString(),
				"--force-disable-user-change", model.toString());

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(dir.resolve("state/nixproc/profiles/default/current")).isSymbolicLink();
		assertThat(dir.resolve("elsewhere")).doesNotExist();
	}

	@Test
	void aVariableThatIsNotABooleanIsBadInputNamingIt() throws Exception {
		CliProcess.Result run = CliProcess.run(dir, Map.of("NIXPROC_FORCE_DISABLE_USER_CHANGE", "maybe"), "switch", "-P", "sysvinit",
				"--state-dir", dir.resolve("state").toString(), "--list-generations");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("NIXPROC_FORCE_DISABLE_USER_CHANGE").contains("'maybe'");
	}

	@Test
	void killMinus9DuringASwitchThenTheNextSwitchConvergesOnOneGeneration() throws Exception {
		String state = dir.resolve("state").toString();
		CliRun first = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change",
				chain("g1", "3411", "3412", "").toString());
		assertThat(first.exitCode()).as(first.err()).isZero();
		// generation 2's first instance never becomes ready, so the switch is caught between stop and start
		Path stuck = chain("g2", "3421", "3422", ", \"readiness\": {\"command\": [\"/bin/false\"], \"timeout\": 120}");
		CliProcess second = CliProcess.start(dir, Map.of(), "switch", "-P", "sysvinit", "--state-dir", state,
				"--force-disable-user-change", stuck.toString());
		awaitSleeper("3421", second);
		assertThat(sleepers("341[12]")).as("generation 1 was stopped before generation 2 started").isEmpty();

		second.kill();
		CliRun third = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change",
				chain("g3", "3431", "3432", "").toString());

		assertThat(third.exitCode()).as(third.out() + third.err()).isZero();
		assertThat(third.out()).contains("finishing an interrupted switch: restoring generation 1");
		assertThat(sleepers("34(11|12|21|22)")).as("nothing of generations 1 and 2 runs").isEmpty();
		assertThat(sleepers("3431")).hasSize(1);
		assertThat(sleepers("3432")).hasSize(1);
		CliRun list = CliRun.of("switch", "-P", "sysvinit", "--state-dir", state, "--force-disable-user-change", "--list-generations");
		assertThat(list.out().lines()).hasSize(2).last().asString().contains("(current)");
	}

	@Test
	void aProcessManagerThatIsNotInstalledIsNamedWithItsPackage() throws Exception {
		Path emptyPath = Files.createDirectories(dir.resolve("empty-path"));
		Path model = Files.writeString(dir.resolve("m.json"), "{\"s\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"3441\"]}}}");

		CliProcess.Result run = CliProcess.run(dir, Map.of("PATH", emptyPath.toString()), "switch", "-P", "supervisord", "--state-dir",
				dir.resolve("state").toString(), "--force-disable-user-change", model.toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("supervisord is not installed").contains("the Debian package supervisor");
		assertThat(dir.resolve("state")).doesNotExist();
	}

	@Test // #16
	void dockerWithoutAReachableEngineIsRefusedBeforeAnythingChanges() throws Exception {
		// the docker client is installed, its engine is not there: every command fails as the real client does
		Path bin = Files.createDirectories(dir.resolve("bin"));
		Path docker = Files.writeString(bin.resolve("docker"), """
				#!/bin/sh
				echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
				exit 1
				""");
		docker.toFile().setExecutable(true);
		Path model = Files.writeString(dir.resolve("m.json"), "{\"s\": {\"pkg\": {\"foregroundProcess\": \"/bin/sleep\", \"foregroundProcessArgs\": [\"3451\"]}}}");

		CliProcess.Result run = CliProcess.run(dir, Map.of("PATH", bin + ":/usr/bin:/bin"), "switch", "-P", "docker", "--state-dir",
				dir.resolve("state").toString(), "--force-disable-user-change", model.toString());

		assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
		assertThat(run.err()).contains("Cannot connect to the Docker daemon").contains("nothing was changed")
			.doesNotContain("ROLLBACK FAILED");
		assertThat(dir.resolve("state/nixproc/profiles/default/1")).doesNotExist();
		assertThat(dir.resolve("state/nixproc/profiles/default/current")).doesNotExist();
	}

	/** Two instances, the second depending on the first; {@code firstExtra} is appended to the first's pkg. */
	private Path chain(String name, String first, String second, String firstExtra) throws IOException {
		return Files.writeString(dir.resolve(name + ".json"), """
				{"a": {"pkg": {"foregroundProcess": "/bin/sleep", "foregroundProcessArgs": ["%s"]%s}},
				 "b": {"pkg": {"foregroundProcess": "/bin/sleep", "foregroundProcessArgs": ["%s"], "dependencies": ["a"]}}}
				""".formatted(first, firstExtra, second));
	}

	private static void awaitSleeper(String arg, CliProcess cli) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(sleepers(arg)).as("sleep %s started; nixproc said: %s", arg, cli.out()).isNotEmpty());
	}

	private static List<ProcessHandle> sleepers(String argRegex) {
		try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
			return all.filter(p -> p.info().commandLine().orElse("").matches(".*sleep " + argRegex + "$")).toList();
		}
	}

}

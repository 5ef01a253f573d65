package nixproc.backend.sysvinit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import nixproc.backend.Tools;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.BuiltProfile;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.readiness.ReadinessWaiter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the generated {@code stop} for real: a process that obeys SIGTERM is gone (reaped) when stop returns, well
 * before {@code stopTimeout}; one that ignores SIGTERM is killed once {@code stopTimeout} is over.
 */
class SysvinitStopTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void aProcessThatObeysSigtermIsGoneWhenStopReturnsLongBeforeTheTimeout() {
		Daemon sleeper = start("/bin/sleep", List.of("600"), 10);

		Duration took = stop(sleeper);

		assertThat(ProcessHandle.of(sleeper.pid())).as("not even a zombie").isEmpty();
		assertThat(took).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aProcessThatIgnoresSigtermIsKilledAfterTheStopTimeout() {
		Path trapped = dir.resolve("trapped");
		Daemon stubborn = start("/bin/sh", List.of("-c", "trap '' TERM; : >\"$0\"; while :; do sleep 0.2; done", trapped.toString()), 1);
		Awaitility.await()
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(25))
			.untilAsserted(() -> assertThat(trapped).as("SIGTERM ignored from now on").exists());

		Duration took = stop(stubborn);

		assertThat(ReadinessWaiter.running(stubborn.pid())).isFalse();
		assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
	}

	private record Daemon(Path script, long pid) {
	}

	private Daemon start(String executable, List<String> args, int stopTimeout) {
		Layout layout = new Layout(StateDirs.derive(dir.resolve("var").toString(), Optional.empty(), Optional.empty(),
				Optional.empty(), Optional.empty()), true);
		Map<String, Object> model = Map.of("d", Map.of("pkg", Map.of("foregroundProcess", executable, "foregroundProcessArgs", args,
				"stopTimeout", stopTimeout)));
		BuiltProfile profile = ProfileBuilder.build(ModelReader.readProcesses(JSON.writeValueAsString(model), false),
				new SysvinitBackend(), layout);
		Path out = dir.resolve("profile");
		profile.files().writeTo(out);
		Path script = out.resolve("etc/rc.d/init.d/d");
		Tools.Result started = Tools.run(List.of("sh", script.toString(), "start"));
		assertThat(started.exitCode()).as(started.output()).isZero();
		InstanceEntry instance = profile.instances().get(0);
		OptionalLong pid = ReadinessWaiter.readPid(Path.of(instance.pidFile().orElseThrow()));
		assertThat(pid).as("PID file after start").isPresent();
		assertThat(ReadinessWaiter.running(pid.getAsLong())).isTrue();
		return new Daemon(script, pid.getAsLong());
	}

	private static Duration stop(Daemon daemon) {
		long t0 = System.nanoTime();
		Tools.Result stopped = Tools.run(List.of("sh", daemon.script().toString(), "stop"));
		Duration took = Duration.ofNanos(System.nanoTime() - t0);
		assertThat(stopped.exitCode()).as(stopped.output()).isZero();
		return took;
	}

}

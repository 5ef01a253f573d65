package nixproc.examples.webapp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the webapp as a real process, as a process manager would. */
class WebappTest {

	@TempDir
	Path dir;

	private final List<Long> started = new ArrayList<>();

	@AfterEach
	void killLeftovers() {
		started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
	}

	@Test
	void daemonisesWritesItsPidFileAndServesAPageNamingItsPort() throws Exception {
		int port = freePort();
		Path pidFile = dir.resolve("webapp.pid");
		Process launcher = start(port, pidFile, "-D");

		assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(launcher.exitValue()).isZero();
		long pid = Long.parseLong(Files.readString(pidFile).strip());
		started.add(pid);
		assertThat(pid).isNotEqualTo(launcher.pid());
		assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
		assertThat(get(port)).contains("listening on port: " + port);

		ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
		daemon.destroy();
		daemon.onExit().get(10, TimeUnit.SECONDS);
		assertThat(pidFile).doesNotExist();
	}

	@Test
	void runsInTheForegroundWithoutDashD() throws Exception {
		int port = freePort();
		Path pidFile = dir.resolve("fg.pid");
		Process webapp = start(port, pidFile);
		started.add(webapp.pid());
		awaitFile(pidFile);

		assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(webapp.pid()));
		assertThat(get(port)).contains("port: " + port);
		webapp.destroy();
		assertThat(webapp.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aTakenPortFailsTheDaemonsStart() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			Process launcher = start(taken.getLocalPort(), dir.resolve("x.pid"), "-D");
			assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(launcher.exitValue()).isEqualTo(1);
			assertThat(new String(launcher.getInputStream().readAllBytes())).contains("exited with status 1 before it was ready");
		}
	}

	@Test
	void withoutPortItSaysWhatIsMissing() throws Exception {
		ProcessBuilder builder = new ProcessBuilder(javaCommand()).redirectErrorStream(true);
		builder.environment().remove("PORT");
		Process webapp = builder.start();
		assertThat(webapp.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(webapp.exitValue()).isEqualTo(2);
		assertThat(new String(webapp.getInputStream().readAllBytes())).contains("set PORT");
	}

	private Process start(int port, Path pidFile, String... args) throws IOException {
		List<String> command = new ArrayList<>(javaCommand());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().put("PID_FILE", pidFile.toString());
		return builder.start();
	}

	private static List<String> javaCommand() {
		String java = ProcessHandle.current().info().command().orElse("java");
		return List.of(java, "-cp", System.getProperty("java.class.path"), Webapp.class.getName());
	}

	private static String get(int port) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private static void awaitFile(Path file) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(file).exists());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

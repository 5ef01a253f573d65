package nixproc.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product as a new user meets it, in the seed's test-driver style: a fresh copy of the tree with only a JDK's
 * environment, every command the README prints typed through the {@code ./nixproc} launcher — the one-machine
 * commands, then the README's first command ({@code ./nixproc up --deploy examples/network}) and the commands of a
 * second shell against it; check what nginx serves for each host name; a second model version; Ctrl-C, and no
 * process of the run left; a second {@code up} on the same directory resumes the network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpEndToEndTest {

	static final Duration COMMAND = Duration.ofMinutes(5);

	/** Starting the whole network on two busy cores, deploying, stopping: generous, a bound and not a budget. */
	static final Duration NETWORK = Duration.ofMinutes(6);

	/** The example's proxy: nginxPorts in examples/network/idresources.yaml. */
	static final int NGINX = 8090;

	@TempDir
	static Path dir;

	static FreshCopy copy;

	static Readme readme;

	static Process up;

	static Path upLog;

	@BeforeAll
	static void aFreshCopyBuildsItsLauncherOnFirstUse() {
		// the README's commands use the default ports: say which one something else holds, rather than fail later
		for (int port : List.of(5000, 5001, 8080, 8081, 8082, 8083, 8084, 8085, NGINX)) {
			assertThat(listening(port)).as("port %d is taken by another process; the README's commands need it", port)
				.isFalse();
		}
		copy = FreshCopy.of(dir);
		readme = Readme.of(copy.root().resolve("README.md"));
		long began = System.nanoTime();
		FreshCopy.Run version = copy.run("./nixproc --version", Duration.ofMinutes(15));
		assertThat(version.exitCode()).as(version.toString()).isZero();
		assertThat(version.output()).contains("nixproc: building", "nixproc 0.");
		System.out.printf("UP-E2E cold launcher build in a fresh copy: %.1f s%n", (System.nanoTime() - began) / 1e9);
	}

	@AfterAll
	static void leaveNothingRunning() {
		if (up != null && up.isAlive()) {
			up.destroyForcibly();
		}
		Processes.handles(dir).forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	@Order(1)
	void theOneMachineCommandsOfTheReadmeWorkAsPrinted() {
		try {
			for (String command : readme.commands("One machine, no servers", 0)) {
				FreshCopy.Run run = copy.run(command, COMMAND);
				assertThat(run.exitCode()).as(run.toString()).isZero();
				if (command.startsWith("curl")) {
					assertThat(run.output()).as(run.toString()).contains("Simple test webapp listening on port: 5000");
				}
			}
		}
		catch (AssertionError e) {
			// what a failed command left running would hold the ports the network needs
			Processes.handles(dir).forEach(ProcessHandle::destroyForcibly);
			throw e;
		}
		assertThat(Processes.of(dir)).as("processes left by the one-machine commands (the last one undeploys)")
			.isEmpty();
	}

	/** The launcher finds its Nix library from any working directory: every processes model in Nix builds. */
	@Test
	@Order(1)
	void everyNixProcessesExampleBuildsThroughTheLauncherFromAnotherDirectory() throws IOException {
		List<Path> models;
		try (Stream<Path> files = Files.walk(copy.root().resolve("examples"))) {
			models = files.filter(f -> f.getFileName().toString().matches("processes.*\\.nix")).sorted().toList();
		}
		assertThat(models).hasSizeGreaterThanOrEqualTo(3);
		for (Path model : models) {
			FreshCopy.Run run = copy.run("cd \"$HOME\" && " + copy.root().resolve("nixproc") + " build -P supervisord "
					+ model, COMMAND);
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(Path.of(run.output().strip().lines().reduce((a, b) -> b).orElse("")).resolve("supervisord.conf"))
				.as(run.toString()).isRegularFile();
		}
	}

	/**
	 * A part that does not come up (here: every service, whose JVM cannot start with the options given) is named
	 * with the tail of its log, and what was started before it is stopped: exit 1, nothing left running.
	 */
	@Test
	@Order(1)
	void aPartThatDoesNotComeUpIsNamedWithItsLogAndWhatWasStartedIsStopped() {
		FreshCopy.Run run = copy.run("NIXPROC_UP_SERVICE_JAVA_OPTIONS=-Xmx1k ./nixproc up --state-dir \"$HOME/broken\""
				+ " --port 18480", COMMAND);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.output()).as(run.toString()).containsPattern("(id-service|model-service|coordinator) exited "
				+ "with 1 while starting; last lines of .*/broken/logs/(id-service|model-service|coordinator)\\.log")
			.contains("Too small maximum heap").contains("stopped kafka", "stopped postgresql");
		assertThat(Processes.of(dir)).as("processes left by the failed up").isEmpty();
	}

	@Test
	@Order(2)
	void theReadmesFirstCommandBringsTheNetworkUpAndNginxServesBothHostNames() throws Exception {
		List<String> first = readme.commands("The two commands", 0);
		assertThat(first).containsExactly("./nixproc up --deploy examples/network");
		assertThat(readme.commands("The two commands", 1)).containsExactly("./test.sh");

		upLog = dir.resolve("up.log");
		long began = System.nanoTime();
		up = copy.start(asAtATerminal(first.get(0)), upLog);
		awaitOutput("generation 1 serves:", NETWORK);
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> log().lines()
			.filter(line -> line.contains("through nginx on test2: 200")).count() == 2);
		System.out.printf("UP-E2E up --deploy examples/network to both hosts served: %.1f s%n",
				(System.nanoTime() - began) / 1e9);
		assertThat(log()).contains("nixproc up: the network is ready", "committed generation 1");
		assertThat(page("webapp.local")).contains("Simple test webapp listening on port: 5000");
		assertThat(page("webapp2.local")).contains("Simple test webapp listening on port: 5001");
		assertThat(page("nobody.local")).contains("This web application is unavailable at the moment!");
		assertThat(copy.stateDir().resolve("admin.token")).isRegularFile();
		assertThat(Files.getPosixFilePermissions(copy.stateDir().resolve("admin.token")))
			.containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
					java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

		// another shell: no flags, no exports
		for (String command : readme.commands("A network on this machine: `nixproc up`", 0)) {
			FreshCopy.Run run = copy.run(command, COMMAND);
			assertThat(run.exitCode()).as(run.toString()).isZero();
			if (command.equals("./nixproc targets")) {
				assertThat(run.output()).containsPattern("test1 +online +\\S+ +sysvinit")
					.containsPattern("test2 +online +\\S+ +supervisord");
			}
		}
		// the Nix twin, deployed last, serves the same
		assertThat(page("webapp.local")).contains("listening on port: 5000");
		assertThat(page("webapp2.local")).contains("listening on port: 5001");

		// a second up on the same directory is refused, and changes nothing
		FreshCopy.Run second = copy.run("./nixproc up", COMMAND);
		assertThat(second.exitCode()).as(second.toString()).isEqualTo(2);
		assertThat(second.output()).contains("the state directory " + copy.stateDir() + " is in use by a running "
				+ "nixproc up (pid " + up.pid() + ")");

		for (String command : readme.commands("A network: `nixproc deploy` and the coordinator commands", 0)) {
			FreshCopy.Run run = copy.run(command, COMMAND);
			assertThat(run.exitCode()).as(run.toString()).isZero();
		}
		assertThat(page("webapp2.local")).contains("listening on port: 5001");
	}

	/** webapp2's environment changes; webapp keeps running, webapp2 and the proxy in front of it restart. */
	@Test
	@Order(3)
	void aSecondVersionOfOneWebappRestartsItAndItsProxyOnly() throws Exception {
		long webapp = pid("test1", "webapp");
		long webapp2 = pid("test2", "webapp2");
		Path v2 = copy.root().resolve("examples/network-v2");
		Files.createDirectories(v2);
		try (Stream<Path> files = Files.list(copy.root().resolve("examples/network"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.copy(file, v2.resolve(file.getFileName()));
			}
		}
		YAMLMapper yaml = YAMLMapper.builder().build();
		ObjectNode services = (ObjectNode) yaml.readTree(v2.resolve("services.yaml").toFile());
		((ObjectNode) services.get("webapp2").get("pkg").get("environment")).put("VERSION", "2");
		yaml.writeValue(v2.resolve("services.yaml").toFile(), services);

		FreshCopy.Run run = copy.run("./nixproc deploy examples/network-v2", COMMAND);

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.output()).containsPattern("ACTIVATE test2 \\[(webapp2, nginx|nginx, webapp2)\\]")
			.doesNotContain("test1 [");
		assertThat(pid("test1", "webapp")).isEqualTo(webapp);
		assertThat(pid("test2", "webapp2")).isNotEqualTo(webapp2);
		assertThat(page("webapp.local")).contains("listening on port: 5000");
		assertThat(page("webapp2.local")).contains("listening on port: 5001");
	}

	@Test
	@Order(4)
	void ctrlCStopsEveryPartInReverseOrderAndNoProcessOfTheRunRemains() throws Exception {
		signal(up.pid(), "INT");
		assertThat(up.waitFor(NETWORK.toSeconds(), TimeUnit.SECONDS)).as("up stopped; its output:\n%s", log()).isTrue();
		List<String> stopped = log().lines().filter(line -> line.startsWith("nixproc up: stopped ")).toList();
		assertThat(stopped).extracting(line -> line.replaceFirst("nixproc up: stopped (.*) \\(.*", "$1"))
			.containsSubsequence("coordinator", "model-service", "id-service", "kafka", "postgresql")
			.contains("agent test1", "agent test2")
			.first().asString().startsWith("agent ");
		assertThat(Processes.of(dir)).as("processes of the run after Ctrl-C").isEmpty();
		assertThat(listening(NGINX)).isFalse();
	}

	@Test
	@Order(5)
	void aSecondUpOnTheSameDirectoryResumesTheNetwork() throws Exception {
		upLog = dir.resolve("up-again.log");
		up = copy.start(asAtATerminal("./nixproc up"), upLog);
		awaitOutput("nixproc up: the network is ready", NETWORK);

		FreshCopy.Run generations = copy.run("./nixproc generations", COMMAND);
		assertThat(generations.exitCode()).as(generations.toString()).isZero();
		assertThat(generations.output()).containsPattern("(?m)^1 +d-").containsPattern("(?m)^2 +d-");
		// the agents start what their generation runs
		Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
			.until(() -> page("webapp2.local").contains("listening on port: 5001")
					&& page("webapp.local").contains("listening on port: 5000"));

		signal(up.pid(), "TERM");
		assertThat(up.waitFor(NETWORK.toSeconds(), TimeUnit.SECONDS)).as("up stopped; its output:\n%s", log()).isTrue();
		assertThat(Processes.of(dir)).as("processes of the run after SIGTERM").isEmpty();
	}

	// --- helpers ---

	/**
	 * The command as a terminal runs it: SIGINT at its default disposition. (A test JVM started in the background
	 * of a non-interactive shell ignores SIGINT, and its children would inherit that.)
	 */
	static String asAtATerminal(String command) {
		return "exec python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
				+ "os.execvp(sys.argv[1], sys.argv[1:])' " + command;
	}

	static void awaitOutput(String text, Duration timeout) {
		Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (!up.isAlive()) {
				throw new AssertionError("up exited with " + up.exitValue() + "; its output:\n" + log());
			}
			return log().contains(text);
		});
	}

	static String log() {
		try {
			return Files.readString(upLog, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** What nginx answers for {@code host}, through curl as the README shows it. */
	static String page(String host) {
		FreshCopy.Run curl = copy.run("curl -sS --max-time 10 -H 'Host: " + host + "' http://127.0.0.1:" + NGINX + "/",
				Duration.ofSeconds(30));
		return curl.output();
	}

	/** The PID a webapp wrote below its target's state directory. */
	static long pid(String target, String name) throws IOException {
		try (Stream<Path> files = Files.walk(copy.stateDir().resolve("targets").resolve(target))) {
			Path file = files.filter(f -> f.getFileName().toString().equals(name + ".pid")).findFirst()
				.orElseThrow(() -> new AssertionError("no " + name + ".pid of " + target));
			return Long.parseLong(Files.readString(file).strip());
		}
	}

	static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	static void signal(long pid, String signal) throws Exception {
		new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start().waitFor();
	}

	/** Every process of this run but the test JVM: its command line, environment or working directory names it. */
	static final class Processes {

		/** Each as its PID and command line, for a message. */
		static List<String> of(Path dir) {
			return handles(dir).stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
		}

		static List<ProcessHandle> handles(Path dir) {
			String mark = dir.toAbsolutePath().toString();
			List<ProcessHandle> found = new ArrayList<>();
			ProcessHandle.allProcesses()
				.filter(p -> p.pid() != ProcessHandle.current().pid() && p.isAlive())
				.filter(p -> p.info().commandLine().orElse("").contains(mark) || read(p, "environ").contains(mark)
						|| cwd(p).map(c -> c.startsWith(mark)).orElse(false))
				.forEach(found::add);
			return found;
		}

		private static String read(ProcessHandle process, String file) {
			try {
				return Files.readString(Path.of("/proc", Long.toString(process.pid()), file),
						StandardCharsets.ISO_8859_1);
			}
			catch (IOException e) {
				return "";
			}
		}

		private static Optional<String> cwd(ProcessHandle process) {
			try {
				return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
					.toString());
			}
			catch (IOException | UnsupportedOperationException e) {
				return Optional.empty();
			}
		}

	}

}

package nixproc.backend.docker;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import nixproc.backend.Backend;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LogSource;
import nixproc.backend.SimulatedDriverContract;
import nixproc.backend.SimulatedManager;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;
import nixproc.run.RecordingCommandRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver contract against a Docker engine played at the {@code docker} command line, and the exact
 * {@code docker} sequences (style G8): there is no engine here ({@code DockerDriverLiveTest} runs where one answers).
 */
class DockerDriverTest extends SimulatedDriverContract {

	@Override
	protected Backend backend() {
		return new DockerBackend();
	}

	@Override
	protected SimulatedManager simulatedManager() {
		return new Engine();
	}

	/** The driver removes the container it stopped. */
	@Override
	protected ManagerSays managerSays() {
		return new ManagerSays(InstanceStatus.UNKNOWN, InstanceStatus.UNKNOWN, InstanceStatus.FAILED);
	}

	/** The engine's answers for containers {@code nixproc-<name>}. */
	private static final class Engine extends SimulatedManager {

		@Override
		protected CommandResult answer(List<String> argv) {
			if (argv.size() < 3 || !argv.get(0).equals("docker") || argv.get(1).equals("load")) {
				return ok();
			}
			String container = argv.get(1).equals("create") ? argv.get(argv.indexOf("--name") + 1) : argv.get(argv.size() - 1);
			String name = container.substring("nixproc-".length());
			State state = state(name);
			String noSuch = "Error response from daemon: No such container: " + container;
			switch (argv.get(1)) {
				case "inspect":
					return switch (state) {
						case UNKNOWN -> reply(1, "Error: No such container: " + container);
						case KNOWN -> reply(0, "exited 0\n");
						case RUNNING -> reply(0, "running 0\n");
						case DIED -> reply(0, "exited 3\n");
					};
				case "create":
					if (state != State.UNKNOWN) {
						return reply(125, "docker: Error response from daemon: Conflict. The container name \"/" + container
								+ "\" is already in use.");
					}
					set(name, State.KNOWN);
					return reply(0, "0123456789ab\n");
				case "start":
					if (state == State.UNKNOWN) {
						return reply(1, noSuch);
					}
					set(name, State.RUNNING);
					return reply(0, container + "\n");
				case "stop":
					if (state == State.UNKNOWN) {
						return reply(1, noSuch);
					}
					set(name, State.KNOWN);
					return reply(0, container + "\n");
				case "rm":
					if (state == State.UNKNOWN) {
						return reply(1, noSuch);
					}
					if (state == State.RUNNING && !argv.contains("--force")) {
						return reply(1, "Error response from daemon: cannot remove container \"/" + container
								+ "\": container is running: stop the container before removing or force remove");
					}
					set(name, State.UNKNOWN);
					return reply(0, container + "\n");
				default:
					return ok();
			}
		}

	}

	@TempDir
	static Path dir;

	private static ProfileGeneration generation;

	private static InstanceEntry webapp1;

	private static InstanceEntry nginx;

	private static InstanceEntry loaded;

	private final RecordingCommandRunner runner = new RecordingCommandRunner();

	private final Driver driver = new DockerBackend().driver(new DriverContext(Layout.privileged(), runner, true));

	@BeforeAll
	static void generation() {
		Path directory = dir.resolve("3");
		var files = ProfileBuilder.build(DockerGeneratorTest.example("webapps.json"), new DockerBackend(), Layout.privileged()).files()
			.merge(ProfileBuilder.build(ModelReader.readProcesses("""
					{"loaded": {"pkg": {"process": "/bin/sleep", "args": ["1d"], "stopTimeout": 25,
					  "overrides": {"docker": {"dockerImage": "/srv/it's.tar", "dockerImageTag": "busybox:1.36"}}}}}""", false),
					new DockerBackend(), Layout.privileged()).files());
		files.writeTo(directory);
		webapp1 = instance("webapp1", files.files().keySet());
		nginx = instance("nginx", files.files().keySet());
		loaded = instance("loaded", files.files().keySet());
		generation = new ProfileGeneration(3, directory, new ProfileManifest(ProfileManifest.FORMAT_VERSION, 3, "docker", Instant.EPOCH, "0",
				List.of(webapp1, nginx, loaded), ProfileManifest.AccountNames.NONE));
	}

	private static InstanceEntry instance(String name, java.util.Set<String> all) {
		List<String> files = all.stream().filter(f -> f.startsWith(name + "-") || f.endsWith("-" + name + "-docker-priority")).toList();
		return new InstanceEntry(name, "hash-" + name, List.of(), files, Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty());
	}

	private static List<String> inspect(String container) {
		return List.of("docker", "inspect", "--type", "container", "-f", "{{.State.Status}} {{.State.ExitCode}}", container);
	}

	@Test
	void startCreatesTheContainerFromTheParameterLinesAndStartsIt() {
		runner.answer(inspect("nixproc-webapp1"), 1, "Error: No such container: nixproc-webapp1");
		driver.load(generation);
		driver.start(generation, webapp1);
		assertThat(runner.calls()).containsExactly(inspect("nixproc-webapp1"),
				List.of("docker", "create", "--name", "nixproc-webapp1", "--volume", "/nix/store:/nix/store", "--network", "host",
						"--volume", "/var:/var:z", "--env", "PID_FILE=/tmp/webapp1.pid", "--env", "PORT=5000", "--user", "webapp1",
						"webapp1:latest", "/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp"),
				List.of("docker", "start", "nixproc-webapp1"));
	}

	@Test
	void anImageTarballIsLoadedFirstAndALeftoverContainerIsReplaced() {
		runner.answer(inspect("nixproc-loaded"), 0, "exited 137\n");
		driver.start(generation, loaded);
		assertThat(runner.calls()).containsExactly(List.of("docker", "load", "-i", "/srv/it's.tar"), inspect("nixproc-loaded"),
				List.of("docker", "rm", "--force", "nixproc-loaded"),
				List.of("docker", "create", "--name", "nixproc-loaded", "--network", "host", "--volume", "/var:/var:z",
						"--stop-timeout", "25", "busybox:1.36", "/bin/sleep", "1d"),
				List.of("docker", "start", "nixproc-loaded"));
	}

	@Test
	void theProxyScriptIsOneArgumentOfTheCreateCommand() {
		runner.answer(inspect("nixproc-nginx"), 1, "Error: No such container: nixproc-nginx");
		driver.start(generation, nginx);
		List<String> create = runner.calls().get(1);
		int image = create.indexOf("nginx:latest");
		assertThat(create.subList(image + 1, create.size())).hasSize(4).startsWith("/bin/sh", "-c").endsWith("nginx-foregroundproxy");
		assertThat(create.get(image + 3)).startsWith("set -e\nmkdir -p /var/nginx/logs /var/cache/nginx\n");
	}

	@Test
	void stopStopsWithTheInstancesTimeoutThenRemoves() {
		runner.answer(inspect("nixproc-loaded"), 0, "running 0\n");
		runner.answer(inspect("nixproc-webapp1"), 0, "running 0\n");
		driver.stop(generation, loaded);
		driver.stop(generation, webapp1);
		assertThat(runner.calls()).containsExactly(inspect("nixproc-loaded"), List.of("docker", "stop", "-t", "25", "nixproc-loaded"),
				List.of("docker", "rm", "nixproc-loaded"), inspect("nixproc-webapp1"),
				List.of("docker", "stop", "-t", "10", "nixproc-webapp1"), List.of("docker", "rm", "nixproc-webapp1"));
	}

	@Test
	void stoppingAnExitedContainerOnlyRemovesItAndAnUnknownOneIsNotAnError() {
		runner.answer(inspect("nixproc-webapp1"), 0, "exited 1\n");
		runner.answer(inspect("nixproc-nginx"), 1, "Error: No such container: nixproc-nginx");
		driver.stop(generation, webapp1);
		driver.stop(generation, nginx);
		assertThat(runner.calls()).containsExactly(inspect("nixproc-webapp1"), List.of("docker", "rm", "nixproc-webapp1"),
				inspect("nixproc-nginx"));
	}

	@Test
	void statusComesFromTheContainersStateAndExitCode() {
		List<String> inspect = inspect("nixproc-webapp1");
		List<String> answers = List.of("running 0", "restarting 1", "created 0", "exited 0", "exited 2", "dead 0", "paused 0");
		answers.forEach(answer -> runner.answer(inspect, 0, answer + "\n"));
		runner.answer(inspect, 1, "Error: No such container: nixproc-webapp1");
		List<InstanceStatus> seen = IntStream.rangeClosed(0, answers.size()).mapToObj(i -> driver.status(generation, webapp1)).toList();
		assertThat(seen).containsExactly(InstanceStatus.RUNNING, InstanceStatus.STARTING, InstanceStatus.STOPPED,
				InstanceStatus.STOPPED, InstanceStatus.FAILED, InstanceStatus.FAILED, InstanceStatus.STOPPED, InstanceStatus.UNKNOWN);
		List<List<String>> expected = new ArrayList<>();
		seen.forEach(s -> expected.add(inspect));
		assertThat(runner.calls()).isEqualTo(expected);
	}

	@Test
	void anEngineThatDoesNotAnswerIsAnErrorNotAnUnknownInstance() {
		runner.answer(inspect("nixproc-webapp1"), 1,
				"Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?");
		assertThatThrownBy(() -> driver.status(generation, webapp1)).isInstanceOf(CommandFailedException.class)
			.hasMessageContaining("Is the docker daemon running?");
	}

	@Test
	void aRefusedCreateFailsWithDockersWordsAndStartsNothing() {
		runner.answer(inspect("nixproc-webapp1"), 1, "Error: No such container: nixproc-webapp1");
		List<String> create = new ArrayList<>(List.of("docker", "create", "--name", "nixproc-webapp1", "--volume",
				"/nix/store:/nix/store", "--network", "host", "--volume", "/var:/var:z", "--env", "PID_FILE=/tmp/webapp1.pid", "--env",
				"PORT=5000", "--user", "webapp1", "webapp1:latest", "/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp"));
		runner.answer(create, 125, "Unable to find image 'webapp1:latest' locally");
		assertThatThrownBy(() -> driver.start(generation, webapp1)).isInstanceOf(CommandFailedException.class)
			.hasMessageContaining("Unable to find image");
		assertThat(runner.calls()).containsExactly(inspect("nixproc-webapp1"), create);
	}

	@Test
	void theLogTailComesFromDockerLogs() {
		runner.answer(List.of("docker", "logs", "--tail", "20", "nixproc-webapp1"), 0, "listening on 5000\n");
		assertThat(((LogSource) driver).logTail(generation, webapp1, 20)).contains("listening on 5000\n");
		assertThat(runner.calls()).containsExactly(List.of("docker", "logs", "--tail", "20", "nixproc-webapp1"));
	}

}

package nixproc.backend.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LogSource;
import nixproc.backend.Reachable;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;
import nixproc.run.CommandRunner;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives a Docker engine as the seed's deploy tool does (reference §4.4), one container per instance named
 * {@code nixproc-<name>}. Start: {@code docker load -i} when the settings name an image tarball, remove a container
 * left by an interrupted switch, {@code docker create --name … <createparams lines> <image> <cmd>}, {@code docker
 * start}. Stop: {@code docker stop -t N} while it runs, then {@code docker rm}. The image is not removed (the seed's
 * {@code docker rmi}): here it is the user's, possibly shared by several instances.
 */
final class DockerDriver implements Driver, LogSource, Reachable {

	/** Docker's own default grace period; the seed's 1 s cut nginx off mid-request. */
	static final int DEFAULT_STOP_TIMEOUT = 10;

	/** {@code State.Status} and {@code State.ExitCode}: the status alone cannot tell a crash from a clean exit. */
	static final String STATE_FORMAT = "{{.State.Status}} {{.State.ExitCode}}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CommandRunner runner;

	DockerDriver(CommandRunner runner) {
		this.runner = runner;
	}

	/** {@code docker version} asks the engine too: it fails when only the client is there. */
	@Override
	public Optional<String> unreachable() {
		CommandResult version = runner.run(Command.of("docker", "version", "--format", "{{.Server.Version}}"));
		if (version.succeeded()) {
			return Optional.empty();
		}
		String words = version.output().strip();
		return Optional.of("the Docker engine cannot be reached" + (words.isEmpty() ? "" : ": " + words.lines().findFirst().orElse("")));
	}

	/** The engine has nothing to reload: each container carries its whole configuration. */
	@Override
	public void load(ProfileGeneration generation) {
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		Settings settings = settings(generation, instance);
		String container = DockerGenerator.containerName(instance.name());
		settings.image().ifPresent(tarball -> CommandFailedException.check(runner, Command.of("docker", "load", "-i", tarball)));
		if (state(container) != InstanceStatus.UNKNOWN) {
			// a container of the same name was left behind (a switch killed between create and record): replace it
			CommandFailedException.check(runner, Command.of("docker", "rm", "--force", container));
		}
		List<String> create = new ArrayList<>(List.of("docker", "create", "--name", container));
		create.addAll(lines(file(generation, instance, DockerGenerator.CREATE_PARAMS_SUFFIX)));
		create.add(settings.imageTag());
		create.addAll(command(file(generation, instance, DockerGenerator.CMD_SUFFIX)));
		CommandFailedException.check(runner, Command.of(create));
		CommandFailedException.check(runner, Command.of("docker", "start", container));
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		String container = DockerGenerator.containerName(instance.name());
		InstanceStatus state = state(container);
		if (state == InstanceStatus.UNKNOWN) {
			return;
		}
		if (state == InstanceStatus.RUNNING || state == InstanceStatus.STARTING) {
			int timeout = settings(generation, instance).stopTimeout().orElse(DEFAULT_STOP_TIMEOUT);
			CommandFailedException.check(runner, Command.of("docker", "stop", "-t", String.valueOf(timeout), container));
		}
		CommandFailedException.check(runner, Command.of("docker", "rm", container));
	}

	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		return state(DockerGenerator.containerName(instance.name()));
	}

	@Override
	public Optional<String> logTail(ProfileGeneration generation, InstanceEntry instance, int lines) {
		CommandResult logs = runner.run(Command.of("docker", "logs", "--tail", String.valueOf(lines),
				DockerGenerator.containerName(instance.name())));
		return logs.succeeded() ? Optional.of(logs.output()) : Optional.empty();
	}

	/**
	 * From {@code docker inspect}: no such container → unknown; running → running; restarting → starting (the
	 * restart policy is at work); exited 0, created (never started), paused, removing → stopped; exited non-zero
	 * or dead → failed.
	 */
	private InstanceStatus state(String container) {
		Command inspect = Command.of("docker", "inspect", "--type", "container", "-f", STATE_FORMAT, container);
		CommandResult result = runner.run(inspect);
		if (!result.succeeded()) {
			if (result.output().contains("No such")) {
				return InstanceStatus.UNKNOWN;
			}
			throw new CommandFailedException(inspect, result);
		}
		String[] words = result.output().strip().split(" ");
		return switch (words[0]) {
			case "running" -> InstanceStatus.RUNNING;
			case "restarting" -> InstanceStatus.STARTING;
			case "created", "paused", "removing" -> InstanceStatus.STOPPED;
			case "exited" -> words.length > 1 && words[1].equals("0") ? InstanceStatus.STOPPED : InstanceStatus.FAILED;
			case "dead" -> InstanceStatus.FAILED;
			default -> InstanceStatus.UNKNOWN;
		};
	}

	private static Path file(ProfileGeneration generation, InstanceEntry instance, String suffix) {
		return instance.files()
			.stream()
			.filter(file -> file.endsWith(suffix) && !file.contains("/"))
			.findFirst()
			.map(file -> generation.directory().resolve(file))
			.orElseThrow(() -> new IllegalStateException("no *" + suffix + " file among the files of " + instance.name() + ": "
					+ instance.files()));
	}

	private static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
		}
	}

	private static List<String> command(Path file) {
		try {
			return JSON.readValue(Files.readString(file), new TypeReference<List<String>>() {
			});
		}
		catch (IOException | JacksonException e) {
			throw new IllegalStateException("cannot read the command in " + file + ": " + e.getMessage(), e);
		}
	}

	private static Settings settings(ProfileGeneration generation, InstanceEntry instance) {
		return Settings.parse(lines(file(generation, instance, DockerGenerator.SETTINGS_SUFFIX)));
	}

	/** The shell-sourceable settings file, read without a shell: the generator writes only these three keys. */
	record Settings(Optional<String> image, String imageTag, Optional<Integer> stopTimeout) {

		static Settings parse(List<String> lines) {
			Optional<String> image = Optional.empty();
			String tag = "";
			Optional<Integer> timeout = Optional.empty();
			for (String line : lines) {
				int equals = line.indexOf('=');
				if (equals < 0) {
					continue;
				}
				String value = unquote(line.substring(equals + 1));
				switch (line.substring(0, equals)) {
					case "dockerImage" -> image = Optional.of(value);
					case "dockerImageTag" -> tag = value;
					case "dockerStopTimeout" -> timeout = Optional.of(Integer.parseInt(value));
					default -> {
					}
				}
			}
			return new Settings(image, tag, timeout);
		}

		/** The inverse of {@link nixproc.escape.Shell#quote}: a bare word, or single quotes with {@code '\''} inside. */
		static String unquote(String word) {
			if (!word.startsWith("'")) {
				return word;
			}
			return word.substring(1, word.length() - 1).replace("'\\''", "'");
		}

	}

}

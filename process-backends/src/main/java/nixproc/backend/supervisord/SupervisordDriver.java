package nixproc.backend.supervisord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LogSource;
import nixproc.backend.ManagerLifecycle;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;

/**
 * Runs a profile on a supervisord of its own. The running supervisord reads a live directory next to the
 * generations, {@code <profile>/supervisord/}: a copy of the generation's {@code supervisord.conf} and
 * {@code conf.d/} holding symbolic links to the files of the generation loaded last (the seed's
 * {@code SUPERVISORD_CONF_DIR}, kept per profile). {@link #load} only re-points links: supervisord acts on them at
 * the next {@code update <name>}, which {@link #start} runs for that one program, so the switch decides the order in
 * which programs stop and start rather than supervisord.
 */
final class SupervisordDriver implements Driver, ManagerLifecycle, LogSource {

	private static final Duration STARTUP = Duration.ofSeconds(15);

	private final DriverContext context;

	SupervisordDriver(DriverContext context) {
		this.context = context;
	}

	static Path liveDirectory(ProfileGeneration generation) {
		return generation.directory().getParent().resolve("supervisord");
	}

	static Path configuration(ProfileGeneration generation) {
		return liveDirectory(generation).resolve("supervisord.conf");
	}

	@Override
	public void load(ProfileGeneration generation) {
		Path live = liveDirectory(generation);
		Path confDir = live.resolve("conf.d");
		Set<String> wanted = new HashSet<>();
		for (InstanceEntry instance : generation.manifest().instances()) {
			for (String file : instance.files()) {
				if (file.startsWith("conf.d/") && file.indexOf('/', "conf.d/".length()) < 0) {
					wanted.add(file.substring("conf.d/".length()));
				}
			}
		}
		try {
			Files.createDirectories(confDir);
			Files.createDirectories(Path.of(context.layout().dirs().runtimeDir()));
			Files.createDirectories(Path.of(context.layout().dirs().logDir(), "supervisord"));
			Files.copy(generation.directory().resolve("supervisord.conf"), live.resolve("supervisord.conf"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			if (!running(generation)) {
				// supervisord starts every program it finds at boot, all at once, whatever their dependencies: it boots
				// without any, and start() adds each one (update) when the switch gets to it (#15)
				link(confDir, generation, Set.of());
				CommandFailedException.check(context.runner(), Command.of("supervisord", "-c", configuration(generation).toString()));
				awaitRunning(generation);
			}
			link(confDir, generation, wanted);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		ctl(generation, "reread");
	}

	/** Makes {@code confDir} hold exactly {@code wanted}, each a link to the generation's file of that name. */
	private static void link(Path confDir, ProfileGeneration generation, Set<String> wanted) throws IOException {
		for (String name : wanted) {
			link(confDir.resolve(name), generation.directory().resolve("conf.d").resolve(name));
		}
		try (Stream<Path> existing = Files.list(confDir)) {
			for (Path entry : existing.toList()) {
				if (!wanted.contains(entry.getFileName().toString())) {
					Files.delete(entry);
				}
			}
		}
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		String program = program(instance);
		ctl(generation, "reread");
		// update adds the program, or replaces it when its configuration changed; autostart may start it already.
		ctl(generation, "update", program);
		CommandResult started = supervisorctl(generation, "start", program);
		if (!started.succeeded() && !started.output().contains("already started")) {
			throw new CommandFailedException(ctl(generation, List.of("start", program)), started);
		}
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		if (!running(generation)) {
			return;
		}
		String program = program(instance);
		CommandResult stopped = supervisorctl(generation, "stop", program);
		if (!stopped.succeeded() && !stopped.output().contains("not running") && !stopped.output().contains("no such process")) {
			throw new CommandFailedException(ctl(generation, List.of("stop", program)), stopped);
		}
		if (!Files.exists(liveDirectory(generation).resolve("conf.d").resolve(program + ".conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			// Not in the generation loaded last: forget it, so it does not come back when supervisord restarts.
			ctl(generation, "reread");
			ctl(generation, "update", program);
		}
	}

	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		if (!Files.exists(configuration(generation))) {
			return InstanceStatus.UNKNOWN;
		}
		CommandResult result = supervisorctl(generation, "status", program(instance));
		String[] fields = result.output().strip().split("\\s+");
		if (fields.length < 2 || !fields[0].equals(program(instance))) {
			return InstanceStatus.UNKNOWN;
		}
		switch (fields[1].toUpperCase(Locale.ROOT)) {
			case "RUNNING":
				return InstanceStatus.RUNNING;
			case "STARTING":
				return InstanceStatus.STARTING;
			case "STOPPED":
			case "STOPPING":
				return InstanceStatus.STOPPED;
			// BACKOFF: it exited before startsecs and supervisord is retrying; for a switch that is a failed start
			case "BACKOFF":
			case "EXITED":
			case "FATAL":
				return InstanceStatus.FAILED;
			default:
				return InstanceStatus.UNKNOWN;
		}
	}

	@Override
	public Optional<String> logTail(ProfileGeneration generation, InstanceEntry instance, int lines) {
		CommandResult tail = supervisorctl(generation, "tail", "-" + Math.max(1, lines) * 200, program(instance));
		if (!tail.succeeded() || tail.output().isBlank()) {
			return Optional.empty();
		}
		String[] all = tail.output().split("\n");
		return Optional.of(String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length)));
	}

	/** Stops supervisord and every program of the profile (undeploy, tests). */
	@Override
	public void shutdown(ProfileGeneration generation) {
		if (running(generation)) {
			supervisorctl(generation, "shutdown");
			long deadline = System.nanoTime() + STARTUP.toNanos();
			while (running(generation) && System.nanoTime() < deadline) {
				sleep();
			}
		}
	}

	/** The program name: the generated {@code conf.d/<name>.conf}; the instance name when it is not listed. */
	static String program(InstanceEntry instance) {
		return instance.files()
			.stream()
			.filter(f -> f.startsWith("conf.d/") && f.endsWith(".conf") && f.indexOf('/', 7) < 0)
			.map(f -> f.substring(7, f.length() - 5))
			.findFirst()
			.orElse(instance.name());
	}

	private boolean running(ProfileGeneration generation) {
		if (!Files.exists(configuration(generation))) {
			return false;
		}
		CommandResult pid = supervisorctl(generation, "pid");
		return pid.succeeded() && pid.output().strip().matches("[0-9]+");
	}

	private void awaitRunning(ProfileGeneration generation) {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (!running(generation)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("supervisord did not answer on its control socket within " + STARTUP.toSeconds()
						+ " s; see " + context.layout().dirs().logDir() + "/supervisord.log");
			}
			sleep();
		}
	}

	private CommandResult supervisorctl(ProfileGeneration generation, String... arguments) {
		return context.runner().run(ctl(generation, List.of(arguments)));
	}

	private Command ctl(ProfileGeneration generation, List<String> arguments) {
		List<String> argv = new java.util.ArrayList<>(List.of("supervisorctl", "-c", configuration(generation).toString()));
		argv.addAll(arguments);
		return Command.of(argv);
	}

	private void ctl(ProfileGeneration generation, String... arguments) {
		Command command = ctl(generation, List.of(arguments));
		CommandResult result = context.runner().run(command);
		// supervisorctl 4 exits non-zero for some informational answers; its words name real errors.
		if (!result.succeeded() && (result.output().contains("ERROR") || result.output().contains("error:"))) {
			throw new CommandFailedException(command, result);
		}
	}

	private static void link(Path link, Path target) throws IOException {
		if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
			return;
		}
		Files.deleteIfExists(link);
		Files.createSymbolicLink(link, target);
	}

	private static void sleep() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for supervisord", e);
		}
	}

}

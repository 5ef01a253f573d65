package nixproc.backend.s6rc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LogSource;
import nixproc.backend.LogTail;
import nixproc.backend.ManagerLifecycle;
import nixproc.process.PidTrust;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;

/**
 * Runs s6-rc source directories on plain s6, which is what Debian 12 packages (no {@code s6-rc}): an
 * {@code s6-svscan} on the scan directory {@code <runtimeDir>/service} (the seed's {@code nixproc-s6-svscan},
 * started here when none answers), each longrun linked into it as a service directory whose {@code run} (and
 * {@code log/run}, the logging companion, which plain s6 pipes from the service like s6-rc's pipeline) point into
 * the generation. A new service directory carries a {@code down} file until it is asked up, so s6-svscan never
 * starts it on its own; {@link #stop} puts the file back, so a restarted s6-svscan keeps it down. Oneshots run
 * their {@code up}/{@code down} with {@code execlineb}; their status comes from the PID file.
 */
final class S6Driver implements Driver, ManagerLifecycle, LogSource {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

	private final DriverContext context;

	S6Driver(DriverContext context) {
		this.context = context;
	}

	Path scanDirectory() {
		return Path.of(context.layout().dirs().runtimeDir(), "service");
	}

	@Override
	public void load(ProfileGeneration generation) {
		if (scanning()) {
			return;
		}
		try {
			Files.createDirectories(scanDirectory());
			Files.createDirectories(Path.of(context.layout().dirs().logDir()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		// s6-svscan stays in the foreground: sh puts it into its own session and returns at once.
		CommandFailedException.check(context.runner(), Command.of("sh", "-c",
				"setsid s6-svscan \"$0\" </dev/null >>\"$1\" 2>&1 &", scanDirectory().toString(),
				context.layout().dirs().logDir() + "/s6-svscan.log"));
		await(this::scanning, "s6-svscan on " + scanDirectory());
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		Optional<String> oneshot = oneshot(instance);
		if (oneshot.isPresent()) {
			CommandFailedException.check(context.runner(), Command.of("execlineb", "-P",
					generation.directory().resolve(S6rcGenerator.SV + oneshot.get() + "/up").toString()));
			return;
		}
		Longrun longrun = longrun(generation, instance);
		Path service = scanDirectory().resolve(longrun.name());
		boolean created = !Files.isDirectory(service);
		try {
			if (created) {
				// built under a dot name, which s6-svscan skips, and renamed into place whole: a rescan asked for by a
				// parallel start must not find the service before its log/, or s6-svscan supervises it without logger
				Path building = scanDirectory().resolve("." + longrun.name());
				GenerationStore.deleteRecursively(building);
				Files.createDirectories(building);
				Files.writeString(building.resolve("down"), "");
				fill(building, longrun);
				Files.move(building, service, StandardCopyOption.ATOMIC_MOVE);
			}
			else {
				fill(service, longrun);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		// a new directory, or one whose supervisors are gone (an agent killed while a stop of it was under way): a
		// rescan, and s6-svc only once s6-supervise answers for the service and its logger
		java.util.function.BooleanSupplier supervisedWhole = () -> supervised(service)
				&& (longrun.log().isEmpty() || supervised(service.resolve("log")));
		if (created || !supervisedWhole.getAsBoolean()) {
			CommandFailedException.check(context.runner(), Command.of("s6-svscanctl", "-a", scanDirectory().toString()));
			await(supervisedWhole, "s6-supervise for " + service);
		}
		if (longrun.log().isPresent()) {
			CommandFailedException.check(context.runner(), Command.of("s6-svc", "-u", service.resolve("log").toString()));
		}
		// deaths from before this start must not count against it in status(); s6 before 2.9 has no tally (then
		// status() finds none either)
		context.runner().run(Command.of("s6-svdt-clear", service.toString()));
		CommandFailedException.check(context.runner(),
				Command.of("s6-svc", "-wu", "-T", String.valueOf(WAIT.toMillis()), "-u", service.toString()));
		try {
			Files.deleteIfExists(service.resolve("down"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		Optional<String> oneshot = oneshot(instance);
		if (oneshot.isPresent()) {
			if (status(generation, instance) == InstanceStatus.RUNNING) {
				CommandFailedException.check(context.runner(), Command.of("execlineb", "-P",
						generation.directory().resolve(S6rcGenerator.SV + oneshot.get() + "/down").toString()));
			}
			return;
		}
		Path service = scanDirectory().resolve(longrun(generation, instance).name());
		if (!Files.isDirectory(service) || !supervised(service)) {
			return;
		}
		try {
			Files.writeString(service.resolve("down"), "");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		CommandFailedException.check(context.runner(),
				Command.of("s6-svc", "-wD", "-T", String.valueOf(WAIT.toMillis()), "-d", service.toString()));
		if (Files.isDirectory(service.resolve("log"))) {
			// waited for too: the logger's account may be deleted next, which fails while it runs
			CommandFailedException.check(context.runner(),
					Command.of("s6-svc", "-wD", "-T", String.valueOf(WAIT.toMillis()), "-d", service.resolve("log").toString()));
		}
	}

	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		if (oneshot(instance).isPresent()) {
			OptionalLong pid = instance.pidFile().map(f -> PidTrust.read(Path.of(f), instance.user())).orElse(OptionalLong.empty());
			if (pid.isEmpty()) {
				return InstanceStatus.STOPPED;
			}
			// read from /proc: a process that exited and was not reaped yet still answers kill -0
			return ReadinessWaiter.running(pid.getAsLong()) ? InstanceStatus.RUNNING : InstanceStatus.FAILED;
		}
		Path service = scanDirectory().resolve(longrun(generation, instance).name());
		if (!Files.isDirectory(service)) {
			return InstanceStatus.UNKNOWN;
		}
		CommandResult svstat = context.runner().run(Command.of("s6-svstat", "-o", "up,wantedup,exitcode,updownfor", service.toString()));
		String[] fields = svstat.output().strip().split("\\s+");
		if (!svstat.succeeded() || fields.length != 4) {
			return InstanceStatus.UNKNOWN;
		}
		if (fields[0].equals("true")) {
			// up for less than a second after a death since start(): s6-supervise restarting a process that keeps
			// dying, which is up for milliseconds each second; asked then, it must not pass for running
			return fields[3].equals("0") && diedSinceStart(service) ? InstanceStatus.FAILED : InstanceStatus.RUNNING;
		}
		if (fields[1].equals("false")) {
			return InstanceStatus.STOPPED;
		}
		// wanted up but down: between two runs, or dying again and again
		return fields[2].equals("0") || fields[2].equals("-1") ? InstanceStatus.STARTING : InstanceStatus.FAILED;
	}

	/** The end of what the longrun's logger wrote ({@code s6-log}'s {@code current} file). */
	@Override
	public Optional<String> logTail(ProfileGeneration generation, InstanceEntry instance, int lines) {
		if (oneshot(instance).isPresent()) {
			return Optional.empty();
		}
		Longrun longrun = longrun(generation, instance);
		Path current = Path.of(S6rcScripts.logDirectory(context.layout().dirs().logDir(), longrun.name()), "current");
		if (longrun.log().isEmpty() || !Files.isRegularFile(current)) {
			return Optional.empty();
		}
		String tail = LogTail.of(current, lines);
		return tail.isEmpty() ? Optional.empty() : Optional.of(tail);
	}

	/** Takes every service down and stops s6-svscan (undeploy, tests). */
	@Override
	public void shutdown(ProfileGeneration generation) {
		if (scanning()) {
			context.runner().run(Command.of("s6-svscanctl", "-t", scanDirectory().toString()));
			// s6-svscan exits once every s6-supervise has seen its service die; on a loaded machine that took over
			// 10 s once (a whole build beside it), and an undeploy can afford to wait longer
			await(() -> !scanning(), "s6-svscan to exit", SHUTDOWN_WAIT);
		}
	}

	private record Longrun(String name, Path source, Optional<Path> log) {
	}

	/** The longrun's source directory ({@code <name>-srv}, or {@code <name>} without logger) and its logger's. */
	private static Longrun longrun(ProfileGeneration generation, InstanceEntry instance) {
		String run = instance.files()
			.stream()
			.filter(f -> f.startsWith(S6rcGenerator.SV) && f.endsWith("/run") && !f.endsWith("-log/run"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("generation " + generation.number() + " has no s6 run script for "
					+ instance.name()));
		String service = run.substring(S6rcGenerator.SV.length(), run.length() - "/run".length());
		String name = service.endsWith("-srv") ? service.substring(0, service.length() - 4) : service;
		Path sv = generation.directory().resolve(S6rcGenerator.SV);
		Optional<Path> log = instance.files().contains(S6rcGenerator.SV + name + "-log/run")
				? Optional.of(sv.resolve(name + "-log")) : Optional.empty();
		return new Longrun(name, sv.resolve(service), log);
	}

	private static Optional<String> oneshot(InstanceEntry instance) {
		return instance.files()
			.stream()
			.filter(f -> f.startsWith(S6rcGenerator.SV) && f.endsWith("/up"))
			.map(f -> f.substring(S6rcGenerator.SV.length(), f.length() - "/up".length()))
			.findFirst();
	}

	/** s6-supervise's death tally, cleared by {@link #start}, lists a death. */
	private boolean diedSinceStart(Path service) {
		CommandResult tally = context.runner().run(Command.of("s6-svdt", service.toString()));
		return tally.succeeded() && !tally.output().isBlank();
	}

	/** Points the service directory's {@code run} (and its logger's) at the generation. */
	private static void fill(Path service, Longrun longrun) throws IOException {
		link(service.resolve("run"), longrun.source().resolve("run"));
		if (longrun.log().isPresent()) {
			Path log = Files.createDirectories(service.resolve("log"));
			link(log.resolve("run"), longrun.log().get().resolve("run"));
			Files.copy(longrun.log().get().resolve("notification-fd"), log.resolve("notification-fd"),
					StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private boolean scanning() {
		return Files.isDirectory(scanDirectory())
				&& context.runner().run(Command.of("s6-svscanctl", "-a", scanDirectory().toString())).succeeded();
	}

	/**
	 * s6-supervise answers on its control FIFO before it has written {@code supervise/status}, and {@code s6-svc -w}
	 * fails ("unable to s6_svstatus_read") until it has: both are waited for (a race seen on a loaded machine).
	 */
	private boolean supervised(Path service) {
		return context.runner().run(Command.of("s6-svok", service.toString())).succeeded()
				&& Files.isRegularFile(service.resolve("supervise/status"));
	}

	private static void await(java.util.function.BooleanSupplier condition, String what) {
		await(condition, what, WAIT);
	}

	private static void await(java.util.function.BooleanSupplier condition, String what, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("timed out after " + wait.toSeconds() + " s waiting for " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for " + what, e);
			}
		}
	}

	private static void link(Path link, Path target) throws IOException {
		if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
			return;
		}
		Files.deleteIfExists(link);
		Files.createSymbolicLink(link, target);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).strip();
		}
		catch (IOException e) {
			return "";
		}
	}

}

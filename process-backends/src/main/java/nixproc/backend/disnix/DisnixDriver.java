package nixproc.backend.disnix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.process.PidTrust;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;

/**
 * Activates like Dysnomia's {@code process} module, without Disnix: start runs the wrapper named by {@code process=}
 * (resolved in the generation), stop sends SIGTERM to the PID in {@code pidFile}, then SIGKILL after
 * {@link #STOP_TIMEOUT}, and removes the file so a daemon that refuses a stale PID file starts again.
 */
final class DisnixDriver implements Driver {

	static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final DriverContext context;

	DisnixDriver(DriverContext context) {
		this.context = context;
	}

	@Override
	public void load(ProfileGeneration generation) {
		// the wrappers run from the generation itself: nothing to register
	}

	@Override
	public void start(ProfileGeneration generation, InstanceEntry instance) {
		ProcessConfig config = config(generation, instance);
		Path pidFile = Path.of(config.pidFile());
		InstanceStatus status = status(pidFile, instance);
		if (status == InstanceStatus.RUNNING) {
			return;
		}
		if (status == InstanceStatus.FAILED) {
			// the PID file of a process that died, or of a zombie no init reaps (a container's PID 1 may not):
			// start-stop-daemon would take it for the instance running and refuse (#15)
			deletePidFile(pidFile);
		}
		CommandFailedException.check(context.runner(), Command.of(generation.directory().resolve(config.process()).toString()));
	}

	@Override
	public void stop(ProfileGeneration generation, InstanceEntry instance) {
		Path pidFile = Path.of(config(generation, instance).pidFile());
		// only a PID to believe is signalled: a planted one may name any process (#17)
		OptionalLong pid = PidTrust.read(pidFile, instance.user());
		if (pid.isPresent() && ReadinessWaiter.running(pid.getAsLong())) {
			context.runner().run(Command.of("kill", "-TERM", Long.toString(pid.getAsLong())));
			long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
			while (ReadinessWaiter.running(pid.getAsLong())) {
				if (System.nanoTime() > deadline) {
					context.runner().run(Command.of("kill", "-KILL", Long.toString(pid.getAsLong())));
					break;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted while stopping " + instance.name(), e);
				}
			}
		}
		deletePidFile(pidFile);
	}

	private static void deletePidFile(Path pidFile) {
		try {
			Files.deleteIfExists(pidFile);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@Override
	public InstanceStatus status(ProfileGeneration generation, InstanceEntry instance) {
		return status(Path.of(config(generation, instance).pidFile()), instance);
	}

	private static InstanceStatus status(Path pidFile, InstanceEntry instance) {
		OptionalLong pid = PidTrust.read(pidFile, instance.user());
		if (pid.isEmpty()) {
			return InstanceStatus.STOPPED;
		}
		// read from /proc: a process that exited and was not reaped yet still answers kill -0
		return ReadinessWaiter.running(pid.getAsLong()) ? InstanceStatus.RUNNING : InstanceStatus.FAILED;
	}

	private record ProcessConfig(String process, String pidFile) {
	}

	/** Reads {@code etc/dysnomia/process/<name>}: {@code process=} as written, {@code pidFile=} unquoted by sh. */
	private ProcessConfig config(ProfileGeneration generation, InstanceEntry instance) {
		String path = instance.files()
			.stream()
			.filter(f -> f.startsWith(DisnixGenerator.CONFIG))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("generation " + generation.number() + " has no Dysnomia process "
					+ "config for " + instance.name()));
		Path file = generation.directory().resolve(path);
		// The file is shell-sourceable (Dysnomia sources it); sh reads it back, so quoting is undone exactly.
		String values = CommandFailedException.check(context.runner(),
				Command.of("sh", "-c", ". \"$0\" && printf '%s\\n%s' \"$process\" \"$pidFile\"", file.toString())).output();
		int newline = values.indexOf('\n');
		return new ProcessConfig(values.substring(0, newline), values.substring(newline + 1));
	}

}

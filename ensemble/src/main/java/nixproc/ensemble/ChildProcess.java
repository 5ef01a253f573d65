package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One part of the ensemble as an OS process: started in a session of its own ({@code setsid}), so that the Ctrl-C a
 * terminal sends to {@code nixproc up}'s process group does not reach it and the parent stops the parts in order;
 * its output appended to a log file; its PID recorded, so that a later {@code up} can stop what an {@code up} killed
 * with SIGKILL left behind.
 */
final class ChildProcess {

	private final String name;

	private final Process process;

	private final Path log;

	private final Path pidFile;

	private ChildProcess(String name, Process process, Path log, Path pidFile) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.pidFile = pidFile;
	}

	/**
	 * Starts {@code command} in {@code directory} with this process's environment plus {@code environment} and
	 * without the variables in {@code unset}, appending its output to {@code log}.
	 */
	static ChildProcess start(String name, List<String> command, Map<String, String> environment, List<String> unset,
			Path directory, Path log, Path pidFile) {
		List<String> argv = new ArrayList<>();
		argv.add("setsid");
		argv.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		unset.forEach(builder.environment()::remove);
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "--- " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
					StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
			Process process = builder.start();
			Files.createDirectories(pidFile.getParent());
			Files.writeString(pidFile, process.pid() + "\n");
			return new ChildProcess(name, process, log, pidFile);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
		}
	}

	String name() {
		return name;
	}

	long pid() {
		return process.pid();
	}

	boolean alive() {
		return process.isAlive();
	}

	Optional<Integer> exitCode() {
		return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
	}

	Path log() {
		return log;
	}

	/** The last {@code lines} lines of its log. */
	String tail(int lines) {
		return tail(log, lines);
	}

	static String tail(Path log, int lines) {
		try {
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | java.io.UncheckedIOException e) {
			return "(no log at " + log + ")";
		}
	}

	/**
	 * SIGTERM (or {@code signal}), then SIGKILL once {@code grace} has passed; returns once it is gone, together
	 * with every process of its session that is still there (what it started and did not stop).
	 *
	 * @return whether it ended within the grace period
	 */
	boolean stop(String signal, Duration grace) {
		boolean clean = true;
		if (process.isAlive()) {
			signal(process.pid(), signal);
			try {
				if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
					clean = false;
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException e) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		try {
			Files.deleteIfExists(pidFile);
		}
		catch (IOException e) {
			// a stale PID file names a process that is gone: the next up finds nothing to stop
		}
		return clean;
	}

	static void signal(long pid, String signal) {
		try {
			new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(5, TimeUnit.SECONDS);
		}
		catch (IOException e) {
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return name + " (pid " + process.pid() + ")";
	}

}

package nixproc.readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import nixproc.model.Readiness;
import nixproc.process.PidTrust;
import nixproc.run.Command;
import nixproc.run.CommandRunner;
import org.jspecify.annotations.Nullable;

/**
 * Polls an instance until it is ready or {@code timeout} passes. The probe of the model comes first; without one,
 * the PID file must name a live process; without a PID file either, the process must survive a grace period. While
 * waiting, {@code alive} is asked too, so a process that exits at once fails fast instead of after the timeout.
 */
public final class ReadinessWaiter {

	/** How long a process without probe or PID file must stay alive to count as started. */
	public static final Duration GRACE = Duration.ofMillis(500);

	private static final Duration POLL = Duration.ofMillis(50);

	private static final Path PROC_SELF = Path.of("/proc/self");

	private final CommandRunner runner;

	/**
	 * Made at the first HTTP probe: building an HttpClient initialises TLS and starts a selector thread, which costs
	 * a long-running caller (the target agent) start-up time and memory even when no instance has an HTTP probe.
	 */
	private volatile @Nullable HttpClient http;

	public ReadinessWaiter(CommandRunner runner) {
		this.runner = runner;
	}

	private HttpClient http() {
		HttpClient client = http;
		if (client == null) {
			synchronized (this) {
				client = http;
				if (client == null) {
					client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
					http = client;
				}
			}
		}
		return client;
	}

	/**
	 * @param probe the instance's readiness probe, if it has one; its timeout wins over {@code defaultTimeout}
	 * @param pidFile where the instance's PID is expected, if the backend knows
	 * @param alive whether the process manager still sees the instance running
	 */
	public ReadinessOutcome await(Optional<Readiness> probe, Optional<Path> pidFile, BooleanSupplier alive,
			Duration defaultTimeout) {
		return await(probe, pidFile, Optional.empty(), alive, defaultTimeout);
	}

	/**
	 * @param user the instance's user, if it runs as one: a PID file is believed only as {@link PidTrust} says
	 * @see #await(Optional, Optional, BooleanSupplier, Duration)
	 */
	public ReadinessOutcome await(Optional<Readiness> probe, Optional<Path> pidFile, Optional<String> user,
			BooleanSupplier alive, Duration defaultTimeout) {
		long start = System.nanoTime();
		Duration timeout = probe.map(p -> Duration.ofSeconds(p.timeout())).orElse(defaultTimeout);
		long deadline = start + timeout.toNanos();
		String check = describe(probe, pidFile);
		String lastFailure = "not checked yet";
		while (true) {
			Optional<String> failure = probeOnce(probe, pidFile, user);
			if (failure.isEmpty()) {
				if (probe.isEmpty() && pidFile.isEmpty() && !survivesGrace(alive)) {
					return new ReadinessOutcome.NotReady(check, "the process exited within " + GRACE.toMillis() + " ms");
				}
				return new ReadinessOutcome.Ready(check, Duration.ofNanos(System.nanoTime() - start));
			}
			lastFailure = failure.get();
			if (!alive.getAsBoolean()) {
				return new ReadinessOutcome.NotReady(check, "the process exited before it was ready (" + lastFailure + ")");
			}
			if (System.nanoTime() > deadline) {
				return new ReadinessOutcome.NotReady(check, "not ready after " + timeout.toMillis() + " ms: " + lastFailure);
			}
			// a caller that is being stopped (the agent's health monitor at shutdown) waits no longer
			if (Thread.currentThread().isInterrupted()) {
				return new ReadinessOutcome.NotReady(check, "interrupted while waiting: " + lastFailure);
			}
			sleep(POLL);
		}
	}

	private Optional<String> probeOnce(Optional<Readiness> probe, Optional<Path> pidFile, Optional<String> user) {
		if (probe.isPresent()) {
			Readiness readiness = probe.get();
			if (readiness.tcpPort().isPresent()) {
				return tcp(readiness.tcpPort().get());
			}
			if (readiness.httpUrl().isPresent()) {
				return http(readiness.httpUrl().get());
			}
			if (!readiness.command().isEmpty()) {
				var result = runner.run(Command.of(readiness.command()).withTimeout(Duration.ofSeconds(10)));
				return result.succeeded() ? Optional.empty()
						: Optional.of("command exited with status " + result.exitCode() + tailOf(result.output()));
			}
		}
		if (pidFile.isPresent()) {
			OptionalLong pid = PidTrust.read(pidFile.get(), user);
			if (pid.isEmpty()) {
				return Optional.of("no PID to believe in " + pidFile.get());
			}
			return running(pid.getAsLong()) ? Optional.empty()
					: Optional.of("PID " + pid.getAsLong() + " from " + pidFile.get() + " is not running");
		}
		return Optional.empty();
	}

	private static boolean survivesGrace(BooleanSupplier alive) {
		long end = System.nanoTime() + GRACE.toNanos();
		while (System.nanoTime() < end) {
			if (!alive.getAsBoolean()) {
				return false;
			}
			sleep(POLL);
		}
		return alive.getAsBoolean();
	}

	private static Optional<String> tcp(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of("127.0.0.1:" + port + " refuses connections");
		}
	}

	private Optional<String> http(String url) {
		try {
			HttpResponse<Void> response = http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			return status >= 200 && status < 300 ? Optional.empty() : Optional.of(url + " answered " + status);
		}
		catch (IOException ex) {
			return Optional.of(url + " unreachable (" + ex.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted");
		}
	}

	/** The PID in a PID file, if the file exists and holds a number. */
	public static OptionalLong readPid(Path pidFile) {
		try {
			String text = Files.readString(pidFile).strip();
			return text.matches("[0-9]{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
		}
		catch (IOException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Whether {@code pid} is a running process, asked of the kernel without forking. An exited process nobody has
	 * reaped yet (a zombie: daemons are reparented to PID 1, which need not reap at once) is not running, though
	 * {@link ProcessHandle#isAlive} says it is; so {@code /proc} decides where there is one.
	 */
	public static boolean running(long pid) {
		if (!Files.isDirectory(PROC_SELF)) {
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// "pid (comm) S …": the command may itself contain ") ", the state follows the last one
			int end = stat.lastIndexOf(") ");
			char state = end < 0 || end + 2 >= stat.length() ? '?' : stat.charAt(end + 2);
			return state != 'Z' && state != 'X';
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String describe(Optional<Readiness> probe, Optional<Path> pidFile) {
		if (probe.isPresent()) {
			Readiness r = probe.get();
			if (r.tcpPort().isPresent()) {
				return "tcp port " + r.tcpPort().get();
			}
			if (r.httpUrl().isPresent()) {
				return "http " + r.httpUrl().get();
			}
			if (!r.command().isEmpty()) {
				return "command " + String.join(" ", r.command());
			}
		}
		return pidFile.map(p -> "PID file " + p).orElse("process alive after " + GRACE.toMillis() + " ms");
	}

	private static String tailOf(String output) {
		String stripped = output.strip();
		return stripped.isEmpty() ? "" : ": " + (stripped.length() > 200 ? "…" + stripped.substring(stripped.length() - 200) : stripped);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

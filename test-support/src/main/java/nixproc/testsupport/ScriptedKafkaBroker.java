package nixproc.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kafka broker of the caller's own: {@code infra/kafka.sh} as an OS process of its own on a free port pair
 * (via {@code NIXPROC_KAFKA_PORT}), its data, log and PID file under a directory of the caller's (via
 * {@code NIXPROC_INFRA_DIR}). Unlike {@link IntegrationServices}' shared broker, a test may stop and start it under
 * running clients; its topics survive that, as on a real machine.
 */
public final class ScriptedKafkaBroker implements AutoCloseable {

	private final Path script;

	private final Path dir;

	private final int port;

	private final boolean ownsDir;

	private ScriptedKafkaBroker(Path script, Path dir, int port, boolean ownsDir) {
		this.script = script;
		this.dir = dir;
		this.port = port;
		this.ownsDir = ownsDir;
	}

	/** A broker, not yet started, keeping its run directory under {@code dir}. */
	public static ScriptedKafkaBroker in(Path dir) {
		return create(dir, false);
	}

	/** A broker, not yet started, in a temporary directory that {@link #close()} deletes. */
	public static ScriptedKafkaBroker inTemporaryDirectory() {
		try {
			return create(Files.createTempDirectory("nixproc-kafka-"), true);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static ScriptedKafkaBroker create(Path dir, boolean ownsDir) {
		Path script = script();
		int port = freePortPair();
		// kafka.sh resolves the broker's class path from Maven Central once per run dir: reuse the default instance's
		Path known = script.resolveSibling("run/kafka-9092/cp.txt");
		try {
			Files.createDirectories(dir.resolve("kafka-" + port));
			if (Files.isRegularFile(known)) {
				Files.copy(known, dir.resolve("kafka-" + port + "/cp.txt"));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new ScriptedKafkaBroker(script, dir, port, ownsDir);
	}

	/** Starts the broker (idempotent) and creates infra/kafka/topics.txt's topics; returns once it listens. */
	public void start() {
		kafka("start");
	}

	/** Stops the broker (SIGTERM, then SIGKILL after 30 s); its data stays for the next {@link #start()}. */
	public void stop() {
		kafka("stop");
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	/** This broker with a topic namespace of the caller's own. */
	public TestKafka newKafka() {
		return TestKafka.on(bootstrapServers());
	}

	/** Stops the broker and, for {@link #inTemporaryDirectory()}, deletes its directory. */
	@Override
	public void close() {
		stop();
		if (ownsDir) {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	private void kafka(String action) {
		Path log = dir.resolve("kafka-sh-" + port + ".log");
		ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString(), action)).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("NIXPROC_KAFKA_PORT", Integer.toString(port));
		builder.environment().put("NIXPROC_INFRA_DIR", dir.toString());
		try {
			Process process = builder.start();
			if (!process.waitFor(180, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("infra/kafka.sh " + action + " did not finish in 180 s; see " + log);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("infra/kafka.sh " + action + " exited with " + process.exitValue() + ": "
						+ Files.readString(log));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot run infra/kafka.sh " + action, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted during infra/kafka.sh " + action, e);
		}
	}

	/** infra/kafka.sh of the checkout the test runs in (Surefire's working directory is the module's). */
	private static Path script() {
		for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
			Path candidate = d.resolve("infra/kafka.sh");
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("no infra/kafka.sh above " + Path.of("").toAbsolutePath());
	}

	/** A free port whose successor (the controller port) is free too. */
	private static int freePortPair() {
		for (int attempt = 0; attempt < 50; attempt++) {
			try (ServerSocket a = new ServerSocket(0)) {
				int candidate = a.getLocalPort();
				if (candidate < 65535) {
					try (ServerSocket b = new ServerSocket(candidate + 1)) {
						return candidate;
					}
					catch (IOException busy) {
						// try another
					}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		throw new IllegalStateException("no two consecutive free ports");
	}

}

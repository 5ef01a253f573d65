package nixproc.e2e.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A nixproc service (id-service, model-service) started from its Boot jar as a separate JVM, as an operator runs it:
 * configured only through NIXPROC_* variables and SERVER_PORT, its output in a log file.
 */
final class ServiceProcess implements AutoCloseable {

	private final String module;

	private final Process process;

	private final int port;

	private final Path log;

	private ServiceProcess(String module, Process process, int port, Path log) {
		this.module = module;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the Boot jar of {@code module} ({@link #jar}) with
	 * {@code environment}; {@link #awaitReady} waits for it.
	 */
	static ServiceProcess start(String module, Map<String, String> environment, Path logDir) {
		Path jar = jar(module);
		int port = freePort();
		Path log = logDir.resolve(module + ".log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar.toString()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		try {
			return new ServiceProcess(module, builder.start(), port, log);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + jar, e);
		}
	}

	/** The Boot jar of {@code module}, copied by this module's build from the local repository (see pom.xml). */
	static Path jar(String module) {
		Path jar = Path.of(System.getProperty("nixproc.e2e.jars", "target/jars"), module + "-exec.jar").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("no " + jar + ": this test runs the services from their Boot jars, which "
					+ "this module's build copies there (./mvnw -pl e2e-tests -am install -DskipTests)");
		}
		return jar;
	}

	String url() {
		return "http://127.0.0.1:" + port;
	}

	/** Returns once its readiness endpoint answers 200; stops it and says why otherwise. */
	void awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(module + " exited with " + process.exitValue() + "; its log:\n"
						+ tail());
			}
			try {
				int status = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status == 200) {
					return;
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			sleep(250);
		}
		close();
		throw new IllegalStateException(module + " not ready within " + timeout + "; its log:\n" + tail());
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException e) {
			return "(no log: " + e.getMessage() + ")";
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** SIGTERM (Boot shuts down gracefully), SIGKILL after 20 s. */
	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}

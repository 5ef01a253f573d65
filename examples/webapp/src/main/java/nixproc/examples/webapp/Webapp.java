package nixproc.examples.webapp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * The seed's example webapp: serves an HTML page that names its port. {@code PORT} (required) chooses the port,
 * {@code PID_FILE} where the PID goes, {@code -D} daemonises: the foreground process starts a detached copy of
 * itself, waits until that copy listens and has written its PID file, and exits 0 (as a forking daemon does).
 */
public final class Webapp {

	static final String DAEMON_CHILD = "--daemon-child";

	private Webapp() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> env = System.getenv();
		String portText = env.get("PORT");
		if (portText == null || !portText.matches("[0-9]{1,5}")) {
			System.err.println("webapp: set PORT to the TCP port to listen on (got " + portText + ")");
			System.exit(2);
		}
		int port = Integer.parseInt(portText);
		List<String> argList = List.of(args);
		if (argList.contains("-D")) {
			System.exit(daemonise(argList));
		}
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		}
		catch (IOException ex) {
			System.err.println("webapp: cannot listen on 127.0.0.1:" + port + ": " + ex.getMessage());
			System.exit(1);
			return;
		}
		server.createContext("/", exchange -> {
			byte[] body = page(port).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		String pidFile = env.get("PID_FILE");
		if (pidFile != null && !pidFile.isEmpty()) {
			writeAtomically(Path.of(pidFile), ProcessHandle.current().pid() + "\n");
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.stop(0);
			if (pidFile != null && !pidFile.isEmpty()) {
				try {
					Files.deleteIfExists(Path.of(pidFile));
				}
				catch (IOException ex) {
					// a stale PID file names a dead process; the process manager copes
				}
			}
			stopped.countDown();
		}));
		System.out.println("webapp: listening on 127.0.0.1:" + port);
		stopped.await();
	}

	static String page(int port) {
		return "<!DOCTYPE html>\n<html><head><title>Simple test webapp</title></head>\n"
				+ "<body><p>Simple test webapp listening on port: " + port + "</p></body></html>\n";
	}

	/** Starts a detached copy without {@code -D}; returns 0 once it is ready, 1 if it died first. */
	private static int daemonise(List<String> args) throws IOException, InterruptedException {
		String pidFile = System.getenv("PID_FILE");
		if (pidFile == null || pidFile.isEmpty()) {
			System.err.println("webapp: -D needs PID_FILE, so that the process manager can find the daemon");
			return 2;
		}
		Files.deleteIfExists(Path.of(pidFile));
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			command.add("/usr/bin/setsid"); // a session of its own: no controlling terminal, no parent's signals
		}
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
			.filter(a -> !a.equals("-D"))
			.toList());
		ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		String log = System.getenv("LOG_FILE");
		ProcessBuilder.Redirect output = log == null || log.isEmpty() ? ProcessBuilder.Redirect.DISCARD
				: ProcessBuilder.Redirect.appendTo(new java.io.File(log));
		Process child = builder.redirectOutput(output).redirectErrorStream(true).start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			if (Files.exists(Path.of(pidFile))) {
				return 0;
			}
			if (child.waitFor(50, TimeUnit.MILLISECONDS)) {
				System.err.println("webapp: the daemon exited with status " + child.exitValue() + " before it was ready");
				return 1;
			}
		}
		System.err.println("webapp: the daemon did not become ready within 30 s");
		return 1;
	}

	private static void writeAtomically(Path file, String content) throws IOException {
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(tmp, content);
		Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}

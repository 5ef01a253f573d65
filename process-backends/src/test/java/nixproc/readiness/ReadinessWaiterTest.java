package nixproc.readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import nixproc.model.Readiness;
import nixproc.run.ProcessCommandRunner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessWaiterTest {

	private final ReadinessWaiter waiter = new ReadinessWaiter(new ProcessCommandRunner());

	@TempDir
	Path dir;

	@Test
	void tcpProbeWaitsUntilThePortAccepts() throws Exception {
		int port = freePort();
		CompletableFuture<ServerSocket> later = CompletableFuture.supplyAsync(() -> {
			sleep(300);
			try {
				return new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		ReadinessOutcome outcome = waiter.await(Optional.of(new Readiness(Optional.of(port), Optional.empty(), List.of(), 10)),
				Optional.empty(), () -> true, Duration.ofSeconds(10));
		later.get().close();

		assertThat(outcome).isInstanceOfSatisfying(ReadinessOutcome.Ready.class,
				ready -> assertThat(ready.took()).isGreaterThanOrEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void tcpProbeGivesUpAfterItsTimeoutNamingThePort() throws Exception {
		int port = freePort();
		ReadinessOutcome outcome = waiter.await(Optional.of(new Readiness(Optional.of(port), Optional.empty(), List.of(), 1)),
				Optional.empty(), () -> true, Duration.ofSeconds(30));
		assertThat(outcome).isEqualTo(new ReadinessOutcome.NotReady("tcp port " + port,
				"not ready after 1000 ms: 127.0.0.1:" + port + " refuses connections"));
	}

	@Test
	void anInterruptedWaiterStopsWaitingInsteadOfSpinningUntilItsTimeout() throws Exception {
		int port = freePort();
		CompletableFuture<ReadinessOutcome> outcome = new CompletableFuture<>();
		Thread waiting = new Thread(() -> outcome.complete(waiter.await(
				Optional.of(new Readiness(Optional.of(port), Optional.empty(), List.of(), 30)), Optional.empty(),
				() -> true, Duration.ofSeconds(30))));
		waiting.start();
		Thread.sleep(300);
		waiting.interrupt();

		assertThat(outcome.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(new ReadinessOutcome.NotReady(
				"tcp port " + port, "interrupted while waiting: 127.0.0.1:" + port + " refuses connections"));
	}

	@Test
	void httpProbeNeedsA2xx() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/ok", exchange -> {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.createContext("/broken", exchange -> {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			assertThat(waiter.await(Optional.of(new Readiness(Optional.empty(), Optional.of(base + "/ok"), List.of(), 5)),
					Optional.empty(), () -> true, Duration.ofSeconds(5)).ready()).isTrue();
			assertThat(waiter.await(Optional.of(new Readiness(Optional.empty(), Optional.of(base + "/broken"), List.of(), 1)),
					Optional.empty(), () -> true, Duration.ofSeconds(5)))
				.isInstanceOfSatisfying(ReadinessOutcome.NotReady.class,
						notReady -> assertThat(notReady.reason()).endsWith("/broken answered 503"));
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void commandProbeNeedsExitZero() {
		Path flag = dir.resolve("ready");
		CompletableFuture.runAsync(() -> {
			sleep(200);
			try {
				Files.writeString(flag, "yes");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		ReadinessOutcome outcome = waiter.await(
				Optional.of(new Readiness(Optional.empty(), Optional.empty(), List.of("test", "-f", flag.toString()), 10)),
				Optional.empty(), () -> true, Duration.ofSeconds(10));
		assertThat(outcome.ready()).isTrue();
	}

	@Test
	void withoutProbeAPidFileNamingALiveProcessIsReady() throws IOException {
		Path pidFile = dir.resolve("x.pid");
		Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
		assertThat(waiter.await(Optional.empty(), Optional.of(pidFile), () -> true, Duration.ofSeconds(5)))
			.isInstanceOf(ReadinessOutcome.Ready.class);
	}

	@Test
	void aZombieIsNotRunningThoughProcessHandleSaysAlive() throws Exception {
		// the child exits once its parent has become sleep, which never reaps it (a child that exited before the exec
		// could be reaped by the shell)
		Process parent = new ProcessBuilder("sh", "-c", "sleep 0.3 & echo $!; exec sleep 30").start();
		try {
			long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).readLine().strip());
			Path stat = Path.of("/proc", Long.toString(zombie), "stat");
			Awaitility.await()
				.atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(10))
				.untilAsserted(() -> assertThat(Files.readString(stat)).contains(") Z"));
			assertThat(ProcessHandle.of(zombie).map(ProcessHandle::isAlive)).contains(true);

			assertThat(ReadinessWaiter.running(zombie)).isFalse();
			assertThat(ReadinessWaiter.running(parent.pid())).isTrue();
		}
		finally {
			parent.destroy();
		}
	}

	@Test
	void aProcessThatExitsFailsFastNotAfterTheTimeout() throws Exception {
		Process quitter = new ProcessBuilder("sh", "-c", "exit 3").start();
		quitter.waitFor(5, TimeUnit.SECONDS);
		long start = System.nanoTime();
		ReadinessOutcome outcome = waiter.await(Optional.of(new Readiness(Optional.of(freePort()), Optional.empty(), List.of(), 60)),
				Optional.empty(), quitter::isAlive, Duration.ofSeconds(60));
		assertThat(outcome).isInstanceOfSatisfying(ReadinessOutcome.NotReady.class,
				notReady -> assertThat(notReady.reason()).startsWith("the process exited before it was ready"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void withNeitherProbeNorPidFileTheProcessMustSurviveTheGrace() throws Exception {
		Process shortLived = new ProcessBuilder("sleep", "0.1").start();
		assertThat(waiter.await(Optional.empty(), Optional.empty(), shortLived::isAlive, Duration.ofSeconds(5)))
			.isInstanceOf(ReadinessOutcome.NotReady.class);
		Process longLived = new ProcessBuilder("sleep", "5").start();
		try {
			assertThat(waiter.await(Optional.empty(), Optional.empty(), longLived::isAlive, Duration.ofSeconds(5)))
				.isInstanceOf(ReadinessOutcome.Ready.class);
		}
		finally {
			longLived.destroy();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

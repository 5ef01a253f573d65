package nixproc.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budgets of {@code nixproc up} (issue 14), measured through the launcher of this checkout with its jars built:
 * time from the command to "the network is ready" on a new state directory (initdb, broker format, first service
 * starts) and on the same directory again (resume); the summed RSS of every process it started, once ready; their
 * CPU while idle; and {@code up --deploy examples/network} to both host names served. Prints one line per figure
 * ({@code UP-BENCH}); not a test (Surefire does not run *Benchmark), run with
 * {@code ./mvnw -pl e2e-tests test -Dtest=UpBenchmark -Dsurefire.failIfNoSpecifiedTests=false} on a quiet machine.
 */
class UpBenchmark {

	static final Path CHECKOUT = FreshCopy.checkout();

	@TempDir
	Path dir;

	@Test
	void upToReadyMemoryIdleCpuAndDeploy() throws Exception {
		int rounds = Integer.getInteger("bench.rounds", 3);
		// printed as measured, so that a later round's failure keeps the earlier figures
		java.util.function.Consumer<String> lines = line -> System.out.println("UP-BENCH " + line);
		lines.accept("uptime: " + uptime());
		for (int round = 1; round <= rounds; round++) {
			Path state = dir.resolve("state-" + round);
			int port = freeBase();
			Measured fresh = upUntilReady(state, port, List.of());
			lines.accept(String.format(Locale.ROOT, "round %d new state dir: ready %.1f s (%s), RSS %d MiB over %d processes, "
					+ "idle CPU %.1f %% of one core", round, fresh.readySeconds(), fresh.stages(), fresh.rssKib() / 1024,
					fresh.processes(), fresh.idleCpuPercent()));
			Measured resumed = upUntilReady(state, port, List.of());
			lines.accept(String.format(Locale.ROOT, "round %d same state dir: ready %.1f s (%s), RSS %d MiB over %d processes, "
					+ "idle CPU %.1f %% of one core", round, resumed.readySeconds(), resumed.stages(), resumed.rssKib() / 1024,
					resumed.processes(), resumed.idleCpuPercent()));
		}
		for (int round = 1; round <= rounds; round++) {
			double deployed = upDeployUntilServed(dir.resolve("deploy-" + round), freeBase());
			lines.accept(String.format(Locale.ROOT, "round %d up --deploy examples/network to both host names served: %.1f s",
					round, deployed));
		}
		lines.accept("uptime: " + uptime());
	}

	record Measured(double readySeconds, String stages, long rssKib, int processes, double idleCpuPercent) {
	}

	private Measured upUntilReady(Path state, int port, List<String> extra) throws Exception {
		Path log = Files.createDirectories(state.getParent()).resolve(state.getFileName() + "-" + System.nanoTime() + ".log");
		List<String> command = new ArrayList<>(List.of(CHECKOUT.resolve("nixproc").toString(), "up", "--state-dir",
				state.toString(), "--port", Integer.toString(port)));
		command.addAll(extra);
		long began = System.nanoTime();
		Process up = start(command, log);
		try {
			await(up, log, "the network is ready", Duration.ofMinutes(5));
			double ready = (System.nanoTime() - began) / 1e9;
			String stages = String.join("; ", Files.readAllLines(log).stream().filter(l -> l.contains(" ready (")
					|| l.contains("registered (")).map(l -> l.replace("nixproc up: ", "")).toList());
			Thread.sleep(10_000);
			List<ProcessHandle> tree = tree(up);
			long rss = tree.stream().mapToLong(UpBenchmark::rssKib).sum();
			long ticksBefore = tree(up).stream().mapToLong(UpBenchmark::cpuTicks).sum();
			long idleFrom = System.nanoTime();
			Thread.sleep(30_000);
			long ticks = tree(up).stream().mapToLong(UpBenchmark::cpuTicks).sum() - ticksBefore;
			double seconds = (System.nanoTime() - idleFrom) / 1e9;
			// clock ticks are 1/100 s on Linux (getconf CLK_TCK)
			double cpu = 100.0 * ticks / 100.0 / seconds;
			return new Measured(ready, stages, rss, tree.size(), cpu);
		}
		finally {
			stop(up);
		}
	}

	private double upDeployUntilServed(Path state, int port) throws Exception {
		Path log = Files.createDirectories(state).resolve("up.log");
		long began = System.nanoTime();
		Process up = start(List.of(CHECKOUT.resolve("nixproc").toString(), "up", "--state-dir", state.toString(),
				"--port", Integer.toString(port), "--deploy", "examples/network"), log);
		try {
			await(up, log, "webapp2 on test2 through nginx on test2: 200", Duration.ofMinutes(5));
			return (System.nanoTime() - began) / 1e9;
		}
		finally {
			stop(up);
		}
	}

	private static Process start(List<String> command, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(CHECKOUT.toFile()).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// the benchmark's own client settings, not the user's
		builder.environment().put("XDG_STATE_HOME", log.getParent().resolve("xdg").toString());
		builder.environment().keySet().removeIf(k -> k.startsWith("NIXPROC_"));
		return builder.start();
	}

	private static void await(Process up, Path log, String text, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String output = Files.readString(log, StandardCharsets.UTF_8);
			if (output.contains(text)) {
				return;
			}
			if (!up.isAlive()) {
				throw new AssertionError("up exited with " + up.exitValue() + ":\n" + output);
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + Files.readString(log));
	}

	private static void stop(Process up) throws Exception {
		new ProcessBuilder("kill", "-TERM", Long.toString(up.pid())).start().waitFor();
		if (!up.waitFor(3, TimeUnit.MINUTES)) {
			up.descendants().forEach(ProcessHandle::destroyForcibly);
			up.destroyForcibly();
		}
	}

	/** up and every process below it (the agents' daemons leave it: they belong to their process manager). */
	private static List<ProcessHandle> tree(Process up) {
		List<ProcessHandle> all = new ArrayList<>();
		all.add(up.toHandle());
		up.descendants().forEach(all::add);
		return all;
	}

	private static long rssKib(ProcessHandle process) {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
			return lines.filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
				.sum();
		}
		catch (IOException | UncheckedIOException e) {
			return 0;
		}
	}

	/** utime + stime of /proc/PID/stat, in clock ticks. */
	private static long cpuTicks(ProcessHandle process) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException e) {
			return 0;
		}
	}

	/**
	 * A base port whose five successors are free too, below Linux's ephemeral range (32768–60999): a port there that
	 * is free now may be an outgoing connection's by the time a service binds it.
	 */
	private static int freeBase() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = 20_000 + 10 * java.util.concurrent.ThreadLocalRandom.current().nextInt(1_200);
			boolean free = true;
			for (int p = base; p <= base + 5 && free; p++) {
				try (ServerSocket socket = new ServerSocket(p)) {
					// free
				}
				catch (IOException taken) {
					free = false;
				}
			}
			if (free) {
				return base;
			}
		}
		throw new IllegalStateException("no six consecutive free ports");
	}

	private static String uptime() throws Exception {
		Process p = new ProcessBuilder("uptime").start();
		return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
	}

}

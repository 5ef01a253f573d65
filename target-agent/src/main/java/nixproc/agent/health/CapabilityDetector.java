package nixproc.agent.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import nixproc.events.MachineCapabilities;
import nixproc.events.ProcessManagerInfo;

/**
 * Finds the process managers installed on this machine by running the command each answers a version query with,
 * in parallel, while the agent's Kafka producer starts, so that start to {@code Registered} stays within the budget
 * (architecture §8).
 * sysvinit-style scripts need only {@code sh}, so sysvinit is present wherever {@code sh} is.
 */
public final class CapabilityDetector {

	/** The {@code auto} preference: supervising managers first, then plain scripts. */
	public static final List<String> AUTO_PREFERENCE = List.of("systemd", "supervisord", "s6-rc", "launchd", "docker",
			"sysvinit");

	/** Backend name → the command whose output's first line is its version. */
	static final Map<String, List<String>> PROBES = Map.of(
			// systemctl exists in many containers where systemd is not PID 1; sd_booted(3) checks this directory
			"systemd", List.of("sh", "-c", "test -d /run/systemd/system && systemctl --version"),
			"supervisord", List.of("supervisord", "--version"),
			// the s6-rc backend's driver runs on plain s6 (Debian has no s6-rc): what it needs is s6-svscan, s6-svc and
			// execlineb, none of which prints a version
			"s6-rc", List.of("sh", "-c", "command -v s6-svscan >/dev/null && command -v s6-svc >/dev/null"
					+ " && command -v execlineb >/dev/null && echo 's6 (s6-svscan)'"),
			"launchd", List.of("launchctl", "version"), "docker", List.of("docker", "--version"),
			"sysvinit", List.of("sh", "-c", "echo sh"));

	/**
	 * Generous: a probe answers in milliseconds (supervisord's, a Python start, in a few hundred), but on a loaded
	 * machine a tight bound made the configured manager look missing, and then every activation fails until the
	 * agent restarts. The probes run while the Kafka producer starts, so a normal probe costs no start-up time.
	 */
	private static final long TIMEOUT_MS = 10_000;

	private CapabilityDetector() {
	}

	private static List<CompletableFuture<Optional<ProcessManagerInfo>>> probes(ExecutorService pool) {
		List<CompletableFuture<Optional<ProcessManagerInfo>>> probes = new ArrayList<>();
		for (String name : AUTO_PREFERENCE) {
			probes.add(CompletableFuture.supplyAsync(
					() -> firstLine(PROBES.get(name)).map(version -> new ProcessManagerInfo(name, version)), pool));
		}
		return probes;
	}

	/**
	 * One thread per probe: the probes wait on child processes, and the common pool has a single thread on a
	 * two-core machine, which would run them one after the other.
	 */
	private static ExecutorService probePool() {
		return Executors.newFixedThreadPool(AUTO_PREFERENCE.size() + 1, r -> {
			Thread thread = new Thread(r, "nixproc-agent-probe");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The machine's capabilities; {@code chosen} is the configured process manager or {@code auto}. */
	public static MachineCapabilities detect(String chosen, boolean privileged, Map<String, String> properties) {
		return detectAsync(chosen, privileged, properties).join();
	}

	/**
	 * {@link #detect} on threads of its own: the probes mostly wait for child processes, and the agent builds its
	 * Kafka producer meanwhile.
	 */
	public static CompletableFuture<MachineCapabilities> detectAsync(String chosen, boolean privileged,
			Map<String, String> properties) {
		ExecutorService pool = probePool();
		CompletableFuture<Optional<String>> nix = CompletableFuture.supplyAsync(
				() -> firstLine(List.of("nix", "--version")), pool);
		List<CompletableFuture<Optional<ProcessManagerInfo>>> probes = probes(pool);
		CompletableFuture<?>[] all = new CompletableFuture<?>[probes.size() + 1];
		probes.toArray(all);
		all[probes.size()] = nix;
		return CompletableFuture.allOf(all).thenApply(done -> {
			List<ProcessManagerInfo> managers = probes.stream().map(CompletableFuture::join).flatMap(Optional::stream)
				.toList();
			String selected = chosen.equals("auto")
					? managers.stream().map(ProcessManagerInfo::name).findFirst().orElse("sysvinit") : chosen;
			return new MachineCapabilities(properties.getOrDefault("hostname", "localhost"), System.getProperty("os.name"),
					System.getProperty("os.arch"), managers, selected, privileged, nix.join(), properties);
		}).whenComplete((capabilities, e) -> pool.shutdown());
	}

	/** The first output line of a command that exits 0 within the timeout; empty when it is missing or fails. */
	static Optional<String> firstLine(List<String> command) {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
					new java.io.File("/dev/null"))).start();
		}
		catch (IOException e) {
			return Optional.empty();
		}
		try (InputStream out = process.getInputStream()) {
			if (!process.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return Optional.empty();
			}
			String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
			if (process.exitValue() != 0) {
				return Optional.empty();
			}
			return Optional.of(text.lines().findFirst().orElse("").strip());
		}
		catch (IOException e) {
			return Optional.empty();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return Optional.empty();
		}
	}

}

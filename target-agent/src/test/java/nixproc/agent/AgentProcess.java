package nixproc.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An agent as its own OS process ({@code java … nixproc.agent.AgentMain --config agent.yml}), so that a test can
 * {@code kill -9} it. Output goes to {@code <name>.log} beside the configuration.
 */
public final class AgentProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private AgentProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	public static AgentProcess start(Path config, String name, String... jvmOptions) {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(List.of(jvmOptions));
		// surefire's class path (a manifest-only jar naming every test and main dependency)
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentMain.class.getName(), "--config",
				config.toString()));
		return run(command, Map.of(), config.resolveSibling(name + ".log"));
	}

	/**
	 * The agent as a user starts it: {@code <launcher…> agent --config <config>}, e.g. the repository's
	 * {@code nixproc} script (which execs the JVM, so {@link #pid} is the JVM's).
	 */
	public static AgentProcess launch(List<String> launcher, Map<String, String> environment, Path config, String name) {
		List<String> command = new ArrayList<>(launcher);
		command.addAll(List.of("agent", "--config", config.toString()));
		return run(command, environment, config.resolveSibling(name + ".log"));
	}

	private static AgentProcess run(List<String> command, Map<String, String> environment, Path log) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			return new AgentProcess(builder.start(), log);
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot start " + command, e);
		}
	}

	public Process process() {
		return process;
	}

	public long pid() {
		return process.pid();
	}

	/** SIGKILL: no shutdown hook runs, nothing is flushed. */
	public void kill9() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
	}

	public String log() {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException e) {
			return "(unreadable: " + e + ")";
		}
	}

	/** Resident set size in kB, from /proc. */
	public long rssKb() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("no VmRSS for " + process.pid());
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

}

package nixproc.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

import nixproc.agent.command.Activator;
import nixproc.agent.command.UnavailableActivator;
import nixproc.agent.config.AgentConfig;
import nixproc.agent.config.AgentConfigLoader;
import nixproc.agent.config.ConfigException;

/**
 * Builds the agent's object graph by hand and runs it until the JVM is told to stop. {@code nixproc agent} calls
 * {@link #run}; {@link #main} exists for running the agent jar alone (benchmarks, tests as a process).
 */
public final class AgentMain {

	private AgentMain() {
	}

	/** Runs until SIGTERM/SIGINT. @return the exit code: 0 after a clean stop, 2 for a bad configuration */
	public static int run(Path configFile, java.io.PrintWriter err) {
		AgentConfig config;
		try {
			config = new AgentConfigLoader(System.getenv()).load(configFile);
		}
		catch (ConfigException e) {
			err.println("nixproc agent: " + e.getMessage());
			err.flush();
			return 2;
		}
		Agent agent = new Agent(config, activator(config), Clock.systemUTC()).start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			agent.close();
			stopped.countDown();
		}, "nixproc-agent-shutdown"));
		try {
			stopped.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return 0;
	}

	/** The activator for the configured process manager. */
	static Activator activator(AgentConfig config) {
		return new UnavailableActivator("process manager " + config.processManager()
				+ ": process-backends has no driver to start and stop instances yet");
	}

	public static void main(String[] args) {
		if (args.length != 2 || !args[0].equals("--config")) {
			System.err.println("usage: AgentMain --config agent.yml");
			System.exit(2);
		}
		java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
		System.exit(run(Path.of(args[1]), err));
	}

}

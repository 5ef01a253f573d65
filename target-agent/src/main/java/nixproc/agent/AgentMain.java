package nixproc.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

import nixproc.agent.command.Activators;
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

	/** Exit code of a configuration the agent cannot start with (picocli's usage code, as the CLI's). */
	public static final int BAD_CONFIG = 2;

	/** Exit code when the command loop died of an Error (EX_SOFTWARE); a service manager should restart the agent. */
	public static final int FATAL = 70;

	/**
	 * Runs until SIGTERM/SIGINT.
	 *
	 * @param env where {@code NIXPROC_AGENT_*} overrides come from
	 * @return the exit code: 0 after a clean stop, {@link #BAD_CONFIG} for a configuration it cannot start with
	 */
	public static int run(Path configFile, java.util.Map<String, String> env, java.io.PrintWriter err) {
		AgentConfig config;
		try {
			config = new AgentConfigLoader(env).load(configFile);
		}
		catch (ConfigException e) {
			err.println("nixproc agent: " + e.getMessage());
			err.flush();
			return BAD_CONFIG;
		}
		Clock clock = Clock.systemUTC();
		Agent agent = new Agent(config, (c, capabilities) -> Activators.forMachine(c, capabilities, clock), clock,
				() -> Runtime.getRuntime().halt(FATAL))
			.start();
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

	public static void main(String[] args) {
		if (args.length != 2 || !args[0].equals("--config")) {
			System.err.println("usage: AgentMain --config agent.yml");
			System.exit(2);
		}
		java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
		System.exit(run(Path.of(args[1]), System.getenv(), err));
	}

}

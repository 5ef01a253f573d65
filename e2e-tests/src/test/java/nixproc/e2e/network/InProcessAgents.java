package nixproc.e2e.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.agent.Agent;
import nixproc.agent.AgentMain;
import nixproc.agent.command.Activators;
import nixproc.agent.config.AgentConfig;
import nixproc.agent.config.AgentConfigLoader;

/**
 * Real target agents in the test JVM, configured as a user's agent.yml would be (as target-agent's own tests do):
 * sysvinit unless told otherwise, unprivileged, a state dir each under the test's temporary directory, trusting the
 * coordinator's key; or the same as a process of its own.
 */
final class InProcessAgents implements AutoCloseable {

	private final String bootstrap;

	private final String prefix;

	private final String coordinatorKey;

	private final Path root;

	private final List<Agent> running = new ArrayList<>();

	InProcessAgents(String bootstrap, String prefix, String coordinatorKey, Path root) {
		this.bootstrap = bootstrap;
		this.prefix = prefix;
		this.coordinatorKey = coordinatorKey;
		this.root = root;
	}

	Agent start(String target) {
		return start(target, "sysvinit");
	}

	Agent start(String target, String processManager) {
		AgentConfig config = new AgentConfigLoader(Map.of()).load(yaml(target, processManager), target + ".yml",
				Optional.empty());
		Agent agent = new Agent(config, (c, capabilities) -> Activators.forMachine(c, capabilities, Clock.systemUTC()),
				Clock.systemUTC()).start();
		running.add(agent);
		return agent;
	}

	/**
	 * The target's agent as an OS process of its own ({@code nixproc.agent.AgentMain} on this JVM's class path), so
	 * that a test can {@code kill -9} it; its agent.yml and log are {@code <target>.yml} and {@code <target>.log}
	 * beside the state dirs.
	 */
	Process startProcess(String target, String processManager) {
		try {
			Files.createDirectories(root);
			Path config = Files.writeString(root.resolve(target + ".yml"), yaml(target, processManager));
			return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
					"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(),
					"--config", config.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve(target + ".log").toFile()))
				.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start the agent of " + target, e);
		}
	}

	private String yaml(String target, String processManager) {
		return """
				target: %s
				kafkaBootstrap: %s
				stateDir: %s
				processManager: %s
				privileged: false
				properties: { hostname: %s.local }
				coordinatorPublicKey: %s
				heartbeatSeconds: 1
				topicPrefix: "%s"
				""".formatted(target, bootstrap, stateDir(target), processManager, target, coordinatorKey, prefix);
	}

	Path stateDir(String target) {
		return root.resolve(target);
	}

	@Override
	public void close() {
		running.forEach(Agent::close);
		running.clear();
	}

}

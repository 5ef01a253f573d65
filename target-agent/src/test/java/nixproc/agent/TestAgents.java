package nixproc.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.agent.command.UnavailableActivator;
import nixproc.agent.config.AgentConfig;
import nixproc.agent.config.AgentConfigLoader;

/** Agents in this JVM, each with a state dir of its own, all stopped by {@link #close}. */
public final class TestAgents implements AutoCloseable {

	private final String bootstrap;

	private final String prefix;

	private final String coordinatorKey;

	private final Path root;

	private final List<Agent> running = new ArrayList<>();

	private Agent.ActivatorFactory activators = (config, capabilities) -> new UnavailableActivator("test");

	/** Agents started from now on activate with the machine's real process manager. */
	public TestAgents withRealActivation() {
		activators = (config, capabilities) -> nixproc.agent.command.Activators.forMachine(config, capabilities,
				Clock.systemUTC());
		return this;
	}

	public TestAgents(String bootstrap, String prefix, String coordinatorKey, Path root) {
		this.bootstrap = bootstrap;
		this.prefix = prefix;
		this.coordinatorKey = coordinatorKey;
		this.root = root;
	}

	/** The configuration of an agent for {@code target}, as a user would write it in agent.yml. */
	public String yaml(String target) {
		return yaml(target, "sysvinit");
	}

	public String yaml(String target, String processManager) {
		return """
				target: %s
				kafkaBootstrap: %s
				stateDir: %s
				processManager: %s
				properties: { zone: test }
				coordinatorPublicKey: %s
				heartbeatSeconds: 1
				topicPrefix: "%s"
				""".formatted(target, bootstrap, stateDir(target), processManager, coordinatorKey, prefix);
	}

	public AgentConfig config(String target, String processManager) {
		return new AgentConfigLoader(Map.of()).load(yaml(target, processManager), target + ".yml", Optional.empty());
	}

	public Path stateDir(String target) {
		return root.resolve(target);
	}

	public Agent start(String target) {
		return start(target, "sysvinit");
	}

	public Agent start(String target, String processManager) {
		Agent agent = new Agent(config(target, processManager), activators, Clock.systemUTC()).start();
		running.add(agent);
		return agent;
	}

	public void stop(Agent agent) {
		agent.close();
		running.remove(agent);
	}

	@Override
	public void close() {
		running.forEach(Agent::close);
		running.clear();
	}

	static final Duration WAIT = Duration.ofSeconds(30);

}

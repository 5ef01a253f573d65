package nixproc.coordinator.e2e;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.agent.Agent;
import nixproc.agent.command.Activators;
import nixproc.agent.config.AgentConfig;
import nixproc.agent.config.AgentConfigLoader;

/**
 * Real target agents in the test JVM, configured as a user's agent.yml would be (as target-agent's own tests do):
 * sysvinit unless told otherwise, unprivileged, a state dir each under the test's temporary directory, trusting the
 * coordinator's key.
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
		AgentConfig config = new AgentConfigLoader(Map.of()).load("""
				target: %s
				kafkaBootstrap: %s
				stateDir: %s
				processManager: %s
				privileged: false
				properties: { hostname: %s.local }
				coordinatorPublicKey: %s
				heartbeatSeconds: 1
				topicPrefix: "%s"
				""".formatted(target, bootstrap, stateDir(target), processManager, target, coordinatorKey, prefix),
				target + ".yml", Optional.empty());
		Agent agent = new Agent(config, (c, capabilities) -> Activators.forMachine(c, capabilities, Clock.systemUTC()),
				Clock.systemUTC()).start();
		running.add(agent);
		return agent;
	}

	/** Stops the target's agent, as its process ending would: it answers nothing until started again. */
	void stop(String target) {
		running.stream().filter(a -> a.config().target().equals(target)).toList().forEach(agent -> {
			agent.close();
			running.remove(agent);
		});
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

package nixproc.agent.config;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import nixproc.events.KafkaSecurity;
import nixproc.events.Topics;

/**
 * A validated agent configuration (api.md "target agent").
 *
 * @param target this machine's name in the infrastructure model; the key of its commands and events
 * @param kafkaBootstrap Kafka {@code bootstrap.servers}
 * @param stateDir where the agent keeps its key pair and its durable state
 * @param processManager a backend name, or {@code auto} for the first one found (see {@code CapabilityDetector})
 * @param privileged whether the agent may create users and change to them (as root); otherwise it activates as
 *        itself, like the seed's {@code --force-disable-user-change}
 * @param properties free machine properties, {@code hostname} at least (defaulted to the host name)
 * @param coordinatorPublicKeys the only keys commands are accepted from: one, or the old and the new one while the
 *        coordinator's key is rotated
 * @param heartbeat interval between heartbeats
 * @param topicPrefix put in front of every topic name: lets several installations (or tests) share a broker
 * @param stopProcessesOnExit when the agent stops, stop what the current generation runs too (dependents first,
 *        then the profile's own process manager); the generation stays current, and the next start of the agent
 *        starts it again. For agents whose machine is a developer's ({@code nixproc up}); off by default, because
 *        processes belong to the process manager and outlive the agent.
 * @param kafkaSecurity how the agent authenticates to the broker ({@code kafkaUser} and {@code kafkaPasswordFile},
 *        with SASL/SCRAM unless said otherwise); none by default
 */
public record AgentConfig(String target, String kafkaBootstrap, Path stateDir, String processManager,
		boolean privileged, Map<String, String> properties, List<PublicKey> coordinatorPublicKeys, Duration heartbeat,
		String topicPrefix, boolean stopProcessesOnExit, KafkaSecurity kafkaSecurity) {

	public AgentConfig {
		properties = Map.copyOf(properties);
		coordinatorPublicKeys = List.copyOf(coordinatorPublicKeys);
	}

	public String commandsTopic() {
		return topicPrefix + Topics.COMMANDS;
	}

	public String eventsTopic() {
		return topicPrefix + Topics.AGENT_EVENTS;
	}

	public String commandsDlqTopic() {
		return topicPrefix + Topics.dlq(Topics.COMMANDS);
	}

	public AgentConfig withStateDir(Path dir) {
		return new AgentConfig(target, kafkaBootstrap, dir, processManager, privileged, properties,
				coordinatorPublicKeys, heartbeat, topicPrefix, stopProcessesOnExit, kafkaSecurity);
	}

	public AgentConfig withKafkaBootstrap(String bootstrap) {
		return new AgentConfig(target, bootstrap, stateDir, processManager, privileged, properties,
				coordinatorPublicKeys, heartbeat, topicPrefix, stopProcessesOnExit, kafkaSecurity);
	}

}

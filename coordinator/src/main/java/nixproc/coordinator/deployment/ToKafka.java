package nixproc.coordinator.deployment;

import java.time.Instant;

import nixproc.events.Topics;
import nixproc.service.kafka.KafkaHandOff;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator's one hand-off to Kafka (style G12): committed publications from the Modulith event publication
 * registry go out through {@link StreamBridge}. Commands to {@code nixproc.commands} keyed by target (the default
 * partitioner's murmur2 of the key, which is how agents find their partition); domain events to
 * {@code nixproc.deployments} keyed by deployment id. When the broker does not take a record the publication stays
 * incomplete and is sent again at the next start, so a crash loses nothing; agents drop a command seen twice.
 */
@Component
class ToKafka {

	private final KafkaHandOff kafka;

	private final String commands;

	private final String deployments;

	ToKafka(StreamBridge bridge, JsonMapper json, @Value("${nixproc.kafka.topic-namespace:}") String namespace) {
		this.kafka = new KafkaHandOff(bridge, json, "coordinator");
		this.commands = namespace + Topics.COMMANDS;
		this.deployments = namespace + Topics.DEPLOYMENTS;
	}

	@ApplicationModuleListener(id = "coordinator.deployment.command-to-kafka")
	void command(CommandIssued command) {
		kafka.send(commands, command.target(), command.envelope());
	}

	@ApplicationModuleListener(id = "coordinator.deployment.event-to-kafka")
	void event(DeploymentEvent event) {
		kafka.sendEvent(deployments, event.deploymentId(), event, Instant.now());
	}

}

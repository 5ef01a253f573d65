package nixproc.coordinator.deployment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import nixproc.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
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

	private final StreamBridge bridge;

	private final JsonMapper json;

	private final String commands;

	private final String deployments;

	ToKafka(StreamBridge bridge, JsonMapper json, @Value("${nixproc.kafka.topic-namespace:}") String namespace) {
		this.bridge = bridge;
		this.json = json;
		this.commands = namespace + Topics.COMMANDS;
		this.deployments = namespace + Topics.DEPLOYMENTS;
	}

	@ApplicationModuleListener(id = "coordinator.deployment.command-to-kafka")
	void command(CommandIssued command) {
		send(commands, command.target(), command.envelope());
	}

	@ApplicationModuleListener(id = "coordinator.deployment.event-to-kafka")
	void event(DeploymentEvent event) {
		String payload = json.writeValueAsString(event);
		String type = event.getClass().getSimpleName();
		Map<String, Object> envelope = new LinkedHashMap<>();
		// derived from the content: an event sent again after a crash has the same id, and consumers drop it
		envelope.put("id", UUID.nameUUIDFromBytes((type + "\n" + payload).getBytes(StandardCharsets.UTF_8)).toString());
		envelope.put("type", type);
		envelope.put("schemaVersion", 1);
		envelope.put("time", Instant.now().toString());
		envelope.put("source", "coordinator");
		envelope.put("key", event.deploymentId());
		envelope.put("payload", json.readTree(payload));
		send(deployments, event.deploymentId(), json.writeValueAsString(envelope));
	}

	private void send(String topic, String key, String value) {
		boolean sent = bridge.send(topic, MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
			.setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
			.build());
		if (!sent) {
			throw new IllegalStateException("Kafka did not accept a record for " + key + " on " + topic);
		}
	}

}

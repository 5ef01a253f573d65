package nixproc.ids.assignment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one listener that hands committed {@link IdEvent}s to Kafka, topic {@code nixproc.ids} keyed by deployment id,
 * in the envelope of api.md. It runs after commit from the event publication registry; if the broker does not take
 * the message the publication stays incomplete and is resubmitted (on restart, or by the registry's resubmission),
 * so no committed change goes unannounced. The envelope id is derived from the content, so a resubmitted event
 * has the same id and consumers drop the duplicate.
 */
@Component
class IdEventsToKafka {

	static final String TOPIC = "nixproc.ids";

	private final StreamBridge bridge;

	private final JsonMapper json;

	private final String topic;

	IdEventsToKafka(StreamBridge bridge, JsonMapper json, @Value("${nixproc.kafka.topic-namespace:}") String namespace) {
		this.bridge = bridge;
		this.json = json;
		this.topic = namespace + TOPIC;
	}

	@ApplicationModuleListener(id = "ids.assignment.to-kafka")
	void publish(IdEvent event) {
		String payload = json.writeValueAsString(event);
		String type = event.getClass().getSimpleName();
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("id", UUID.nameUUIDFromBytes((type + "\n" + payload).getBytes(StandardCharsets.UTF_8)).toString());
		envelope.put("type", type);
		envelope.put("schemaVersion", 1);
		envelope.put("time", Instant.now().toString());
		envelope.put("source", "id-service");
		envelope.put("key", event.deploymentId());
		envelope.put("payload", json.readTree(payload));
		boolean sent = bridge.send(topic, MessageBuilder.withPayload(json.writeValueAsString(envelope))
			.setHeader(KafkaHeaders.KEY, event.deploymentId().getBytes(StandardCharsets.UTF_8))
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
			.build());
		if (!sent) {
			throw new IllegalStateException("Kafka did not accept " + type + " of " + event.deploymentId() + " on " + topic);
		}
	}

}

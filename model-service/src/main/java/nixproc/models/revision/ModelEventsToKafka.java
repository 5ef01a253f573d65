package nixproc.models.revision;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import nixproc.events.Envelope;
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
 * The one listener that hands committed {@link ModelRevisionCreated} events to Kafka in the envelope of api.md.
 * It runs after commit from the event publication registry; a send the broker does not acknowledge throws, the
 * publication stays incomplete and is resubmitted at the next start. The envelope id (revision id and creation
 * time) and time come from the revision, so a resubmitted event is byte-identical and consumers drop it as a duplicate.
 */
@Component
class ModelEventsToKafka {

	private final StreamBridge bridge;

	private final JsonMapper json;

	private final String topic;

	ModelEventsToKafka(StreamBridge bridge, JsonMapper json, @Value("${nixproc.kafka.topic-namespace:}") String namespace) {
		this.bridge = bridge;
		this.json = json;
		this.topic = namespace + Topics.MODELS;
	}

	@ApplicationModuleListener(id = "models.revision.to-kafka")
	void publish(ModelRevisionCreated event) {
		String type = ModelRevisionCreated.class.getSimpleName();
		Envelope envelope = new Envelope(
				UUID.nameUUIDFromBytes((type + "\n" + event.revisionId() + "\n" + event.createdAt())
					.getBytes(StandardCharsets.UTF_8)).toString(),
				type, 1, event.createdAt(), "model-service", event.revisionId(), json.valueToTree(event), Optional.empty());
		boolean sent = bridge.send(topic, MessageBuilder.withPayload(envelope.toJsonText())
			.setHeader(KafkaHeaders.KEY, event.revisionId().getBytes(StandardCharsets.UTF_8))
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
			.build());
		if (!sent) {
			throw new IllegalStateException("Kafka did not accept " + type + " of " + event.revisionId() + " on " + topic);
		}
	}

}

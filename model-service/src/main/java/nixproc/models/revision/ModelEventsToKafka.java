package nixproc.models.revision;

import nixproc.events.Topics;
import nixproc.service.kafka.KafkaHandOff;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one listener that hands committed {@link ModelRevisionCreated} events to Kafka in the envelope of api.md,
 * keyed by revision id. The envelope's time is the revision's, so a resubmitted event is byte-identical and consumers
 * drop it as a duplicate.
 */
@Component
class ModelEventsToKafka {

	private final KafkaHandOff kafka;

	private final String topic;

	ModelEventsToKafka(StreamBridge bridge, JsonMapper json, @Value("${nixproc.kafka.topic-namespace:}") String namespace) {
		this.kafka = new KafkaHandOff(bridge, json, "model-service");
		this.topic = namespace + Topics.MODELS;
	}

	@ApplicationModuleListener(id = "models.revision.to-kafka")
	void publish(ModelRevisionCreated event) {
		kafka.sendEvent(topic, event.revisionId(), event, event.createdAt());
	}

}

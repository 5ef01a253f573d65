package nixproc.idservice.assignment;

import java.time.Instant;

import nixproc.service.kafka.KafkaHandOff;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one listener that hands committed {@link IdEvent}s to Kafka, topic {@code nixproc.ids} keyed by deployment id,
 * in the envelope of api.md, so no committed change goes unannounced (see {@link KafkaHandOff}).
 */
@Component
class IdEventsToKafka {

	static final String TOPIC = "nixproc.ids";

	private final KafkaHandOff kafka;

	private final String topic;

	IdEventsToKafka(StreamBridge bridge, JsonMapper json, @Value("${nixproc.kafka.topic-namespace:}") String namespace) {
		this.kafka = new KafkaHandOff(bridge, json, "id-service");
		this.topic = namespace + TOPIC;
	}

	@ApplicationModuleListener(id = "ids.assignment.to-kafka")
	void publish(IdEvent event) {
		kafka.sendEvent(topic, event.deploymentId(), event, Instant.now());
	}

}

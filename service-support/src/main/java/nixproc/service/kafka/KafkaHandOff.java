package nixproc.service.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import nixproc.events.Envelope;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last step of every service's transactional outbox: an outbox listener (run by the event publication registry
 * after commit) hands its record to Kafka here. A record the broker does not take throws, so the publication stays
 * incomplete and is resubmitted; whether the call waits for the broker's acknowledgement is the binder's producer
 * {@code sync} setting, which each service turns on.
 */
public final class KafkaHandOff {

	private final StreamBridge bridge;

	private final JsonMapper json;

	private final String source;

	/** @param source the envelopes' {@code source} (api.md): the service's name */
	public KafkaHandOff(StreamBridge bridge, JsonMapper json, String source) {
		this.bridge = bridge;
		this.json = json;
		this.source = source;
	}

	/**
	 * Sends a domain event in api.md's envelope, its type the event's class name. The envelope id is derived from the
	 * type and the payload, so the same event sent again after a crash has the same id and consumers drop it.
	 */
	public void sendEvent(String topic, String key, Object event, Instant time) {
		String type = event.getClass().getSimpleName();
		String payload = json.writeValueAsString(event);
		String id = UUID.nameUUIDFromBytes((type + "\n" + payload).getBytes(StandardCharsets.UTF_8)).toString();
		send(topic, key, new Envelope(id, type, 1, time, source, key, json.readTree(payload), Optional.empty()).toJsonText());
	}

	/** Sends a record as it is (a command already in its signed envelope). */
	public void send(String topic, String key, String value) {
		boolean sent = bridge.send(topic, MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
			.setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
			.setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
			.build());
		if (!sent) {
			throw new IllegalStateException("Kafka did not accept a record for " + key + " on " + topic);
		}
	}

}

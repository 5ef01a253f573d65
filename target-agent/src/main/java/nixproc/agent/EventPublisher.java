package nixproc.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import nixproc.agent.config.AgentConfig;
import nixproc.events.AgentEvent;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the agent's signed events to {@code nixproc.agent-events} and refused records to the command dead-letter
 * topic. One idempotent producer; while the broker is away sends fail after {@link #SEND_TIMEOUT_SECONDS} and the
 * callers retry with backoff.
 */
public final class EventPublisher implements AutoCloseable {

	static final long SEND_TIMEOUT_SECONDS = 15;

	private final AgentConfig config;

	private final EnvelopeSigner signer;

	private final Clock clock;

	private final KafkaProducer<String, String> producer;

	public EventPublisher(AgentConfig config, EnvelopeSigner signer, Clock clock) {
		this.config = config;
		this.signer = signer;
		this.clock = clock;
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
		props.putAll(config.kafkaSecurity().clientProperties());
		props.put(ProducerConfig.CLIENT_ID_CONFIG, "nixproc-agent-" + config.target());
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 14_000);
		props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 200);
		props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
		// no JMX metrics reporter and no client telemetry push: the agent reports through its own events, and both cost
		// start-up time and memory (architecture §8)
		props.put(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
		props.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
		this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
	}

	/** Signs an event; the caller decides when to send it (answers are persisted first). */
	public Envelope sign(AgentEvent event) {
		return signer.sign(EventCodec.envelope(event, clock.instant()));
	}

	/** Sends an envelope's exact text and waits for the broker's acknowledgement. */
	public void send(String envelopeJson) {
		await(producer.send(new ProducerRecord<>(config.eventsTopic(), config.target(), envelopeJson)));
	}

	/** Signs and sends without waiting; failures are the caller's to log via the returned future. */
	public Future<RecordMetadata> sendAsync(AgentEvent event) {
		return producer.send(new ProducerRecord<>(config.eventsTopic(), config.target(), sign(event).toJsonText()));
	}

	/** Copies a refused record to the dead-letter topic, with where it came from and why, in headers. */
	public void deadLetter(String key, String value, String record, String reason) {
		ProducerRecord<String, String> dead = new ProducerRecord<>(config.commandsDlqTopic(), key, value);
		dead.headers().add("nixproc.record", record.getBytes(StandardCharsets.UTF_8));
		dead.headers().add("nixproc.reason", reason.getBytes(StandardCharsets.UTF_8));
		dead.headers().add("nixproc.target", config.target().getBytes(StandardCharsets.UTF_8));
		await(producer.send(dead));
	}

	private static void await(Future<RecordMetadata> future) {
		try {
			future.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException e) {
			throw new PublishException(e.getCause() == null ? e : e.getCause());
		}
		catch (TimeoutException e) {
			throw new PublishException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new PublishException(e);
		}
	}

	@Override
	public void close() {
		producer.close(java.time.Duration.ofSeconds(2));
	}

	/** A send the broker did not acknowledge. */
	public static final class PublishException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PublishException(Throwable cause) {
			super("event not acknowledged by Kafka: " + cause, cause);
		}

	}

}

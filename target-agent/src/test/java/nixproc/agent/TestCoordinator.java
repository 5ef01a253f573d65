package nixproc.agent;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import nixproc.events.AgentEvent;
import nixproc.events.Command;
import nixproc.events.CommandRejected;
import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeVerifier;
import nixproc.events.EventCodec;
import nixproc.events.Registered;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Plays the coordinator against real Kafka: sends commands signed with its key, as the coordinator will (default
 * partitioner, key = target), and reads the agents' events, checking every one against the key the agent registered.
 */
public final class TestCoordinator implements AutoCloseable {

	public static final int COMMAND_PARTITIONS = 3;

	public final TestCommands commands = new TestCommands();

	private final String bootstrap;

	private final String prefix;

	private final KafkaProducer<String, String> producer;

	private final KafkaConsumer<String, String> events;

	private final KafkaConsumer<String, String> deadLetters;

	private final List<Envelope> received = new ArrayList<>();

	private final List<ConsumerRecord<String, String>> deadReceived = new ArrayList<>();

	private final Map<String, PublicKey> agentKeys = new HashMap<>();

	public TestCoordinator(String bootstrap, String prefix) {
		this.bootstrap = bootstrap;
		this.prefix = prefix;
		createTopics();
		Properties p = new Properties();
		p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		p.put(ProducerConfig.ACKS_CONFIG, "all");
		p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
		producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
		events = consumer(prefix + "nixproc.agent-events");
		deadLetters = consumer(prefix + "nixproc.commands.dlq");
	}

	private void createTopics() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			var existing = admin.listTopics().names().get();
			List<NewTopic> topics = new ArrayList<>();
			for (NewTopic topic : List.of(new NewTopic(prefix + "nixproc.commands", COMMAND_PARTITIONS, (short) 1),
					new NewTopic(prefix + "nixproc.agent-events", 1, (short) 1),
					new NewTopic(prefix + "nixproc.commands.dlq", 1, (short) 1))) {
				if (!existing.contains(topic.name())) {
					topics.add(topic);
				}
			}
			admin.createTopics(topics).all().get();
		}
		catch (InterruptedException | ExecutionException e) {
			throw new IllegalStateException("cannot create the test topics", e);
		}
	}

	private KafkaConsumer<String, String> consumer(String topic) {
		Properties p = new Properties();
		p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
				new StringDeserializer());
		// every partition: the topic may have been made by infra/kafka.sh with its own partition count; a topic
		// created a moment ago may not be in the metadata yet
		List<TopicPartition> partitions = Awaitility.await("partitions of " + topic)
			.atMost(Duration.ofSeconds(30))
			.pollInSameThread() // a KafkaConsumer is not thread-safe: every poll here stays in the caller's thread
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList(), found -> !found.isEmpty());
		consumer.assign(partitions);
		consumer.seekToBeginning(consumer.assignment());
		return consumer;
	}

	public String commandsTopic() {
		return prefix + "nixproc.commands";
	}

	/** Signs and sends a command keyed by its target; returns the partition the producer chose. */
	public RecordMetadata send(Command command) {
		return sendRaw(command.target(), commands.signedText(command, Instant.now()));
	}

	public RecordMetadata sendRaw(String key, String value) {
		try {
			return producer.send(new ProducerRecord<>(commandsTopic(), key, value)).get();
		}
		catch (InterruptedException | ExecutionException e) {
			throw new IllegalStateException("send failed", e);
		}
	}

	/** Waits for the first event, sent since the start or ever, that matches; its signature is checked. */
	public <E extends AgentEvent> E await(Class<E> type, Predicate<E> match, Duration timeout) {
		return awaitEnvelope(type, match, timeout).event();
	}

	public <E extends AgentEvent> Received<E> awaitEnvelope(Class<E> type, Predicate<E> match, Duration timeout) {
		try {
			// no pause between polls: poll() itself waits up to 200 ms for events
			return Awaitility.await()
				.atMost(timeout)
				.pollInSameThread()
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ZERO)
				.until(() -> first(type, match).or(() -> {
					poll();
					return first(type, match);
				}), Optional::isPresent)
				.orElseThrow();
		}
		catch (ConditionTimeoutException e) {
			// what did come: the timeout's own message cannot say
			return fail("no " + type.getSimpleName() + " matching within " + timeout + "; received: "
					+ received.stream().map(Envelope::type).toList());
		}
	}

	private <E extends AgentEvent> Optional<Received<E>> first(Class<E> type, Predicate<E> match) {
		for (Envelope envelope : received) {
			AgentEvent event = EventCodec.agentEvent(envelope);
			if (type.isInstance(event) && match.test(type.cast(event))) {
				return Optional.of(new Received<>(type.cast(event), envelope));
			}
		}
		return Optional.empty();
	}

	/** The answer to a command: {@link StepSucceeded}, {@link StepFailed} or {@link CommandRejected}. */
	public AgentEvent awaitAnswer(String commandId, Duration timeout) {
		return await(AgentEvent.class, e -> e instanceof StepSucceeded s && s.commandId().equals(commandId)
				|| e instanceof StepFailed f && f.commandId().equals(commandId)
				|| e instanceof CommandRejected r && r.commandId().equals(Optional.of(commandId)), timeout);
	}

	/** Every event received so far, in order. */
	public List<Envelope> received() {
		poll();
		return List.copyOf(received);
	}

	public List<ConsumerRecord<String, String>> awaitDeadLetters(int count, Duration timeout) {
		Awaitility.await()
			.atMost(timeout)
			.pollInSameThread()
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ZERO) // poll waits up to 200 ms itself
			.untilAsserted(() -> {
				if (deadReceived.size() < count) {
					deadLetters.poll(Duration.ofMillis(200)).forEach(deadReceived::add);
				}
				assertThat(deadReceived).hasSizeGreaterThanOrEqualTo(count);
			});
		return List.copyOf(deadReceived);
	}

	private void poll() {
		for (ConsumerRecord<String, String> record : events.poll(Duration.ofMillis(200))) {
			Envelope envelope = Envelope.parse(record.value());
			assertThat(record.key()).isEqualTo(envelope.key());
			AgentEvent event = EventCodec.agentEvent(envelope);
			if (event instanceof Registered registered) {
				// a real coordinator would pin the first key; the restart tests check that it stays the same
				agentKeys.put(registered.target(), Ed25519Keys.publicKey(registered.publicKey()));
			}
			PublicKey key = agentKeys.get(event.target());
			assertThat(key).as("an event of %s before its Registered", event.target()).isNotNull();
			assertThat(new EnvelopeVerifier(key).verify(envelope)).as("signature of %s", envelope.type())
				.isEqualTo(EnvelopeVerifier.Verdict.VALID);
			received.add(envelope);
		}
	}

	public static String header(ConsumerRecord<String, String> record, String name) {
		return Optional.ofNullable(record.headers().lastHeader(name))
			.map(h -> new String(h.value(), StandardCharsets.UTF_8))
			.orElse("");
	}

	@Override
	public void close() {
		producer.close(Duration.ofSeconds(2));
		events.close();
		deadLetters.close();
	}

	/** An event with the envelope it came in. */
	public record Received<E extends AgentEvent>(E event, Envelope envelope) {
	}

}

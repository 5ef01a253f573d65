package nixproc.agent.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import nixproc.agent.EventPublisher;
import nixproc.agent.command.Handlers;
import nixproc.agent.config.AgentConfig;
import nixproc.agent.state.AgentState;
import nixproc.agent.state.SeenCommand;
import nixproc.agent.state.StateStore;
import nixproc.events.EnvelopeVerifier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one consumer loop. It assigns itself the partition its target name maps to (no consumer group
 * membership: targets are not interchangeable, so rebalancing would only hand commands to the wrong machine), handles
 * records one at a time and commits each offset after the answer is acknowledged. Any failure (broker away, disk
 * full) closes the consumer, waits with exponential backoff and starts again from the last committed offset; the
 * processes keep running meanwhile.
 */
public final class Inbox implements Runnable, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Inbox.class);

	static final Duration MIN_BACKOFF = Duration.ofMillis(250);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

	private final AgentConfig config;

	private final CommandProcessor processor;

	private final StateStore store;

	private final AtomicReference<AgentState> state;

	private final EventPublisher publisher;

	private final Clock clock;

	private volatile boolean closed;

	private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

	private volatile Optional<KafkaConsumer<String, String>> consumer = Optional.empty();

	private final Thread thread;

	private volatile Gate gate = () -> {
	};

	public Inbox(AgentConfig config, EnvelopeVerifier verifier, Handlers handlers, StateStore store,
			AtomicReference<AgentState> state, EventPublisher publisher, Clock clock) {
		this.config = config;
		this.processor = new CommandProcessor(config.target(), verifier, handlers, clock);
		this.store = store;
		this.state = state;
		this.publisher = publisher;
		this.clock = clock;
		this.thread = new Thread(this, "nixproc-agent-inbox");
		// only Errors get here (LinkageError, OutOfMemoryError): retrying cannot help, and an agent that heartbeats
		// without taking commands would look healthy to the coordinator
		this.thread.setUncaughtExceptionHandler((t, e) -> {
			log.error("the command loop died; this agent takes no more commands", e);
			// while the agent stops, its shutdown (which may still stop processes) must run to its end
			if (!closed) {
				onFatal.run();
			}
		});
	}

	private volatile Runnable onFatal = () -> {
	};

	/** What to do when the loop dies of an Error; {@code AgentMain} exits so that the service manager restarts it. */
	public void onFatal(Runnable action) {
		this.onFatal = action;
	}

	/** Starts the loop on its own thread once {@code after} returns. */
	public void start(Gate after) {
		this.gate = after;
		thread.start();
	}

	/** Something the loop waits for before it reads the first command. */
	@FunctionalInterface
	public interface Gate {

		void await() throws InterruptedException;

	}

	@Override
	public void run() {
		try {
			gate.await();
		}
		catch (InterruptedException e) {
			return;
		}
		catch (RuntimeException e) {
			if (closed) {
				return;
			}
			log.error("start-up before the first command failed; taking commands all the same", e);
		}
		reading = true;
		Duration backoff = MIN_BACKOFF;
		while (!closed) {
			try (KafkaConsumer<String, String> kafka = newConsumer()) {
				consumer = Optional.of(kafka);
				TopicPartition partition = assign(kafka);
				log.info("reading commands for {} from {}", config.target(), partition);
				while (!closed) {
					for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofSeconds(1))) {
						handle(record);
						kafka.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
						backoff = MIN_BACKOFF;
					}
				}
			}
			catch (WakeupException e) {
				// close() asked us to stop
			}
			catch (RuntimeException e) {
				if (closed) {
					break;
				}
				log.warn("command loop interrupted, retrying in {} ms: {}", backoff.toMillis(), e.toString());
				pause(backoff);
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
			finally {
				consumer = Optional.empty();
			}
		}
	}

	private TopicPartition assign(KafkaConsumer<String, String> kafka) {
		List<PartitionInfo> partitions = kafka.partitionsFor(config.commandsTopic(), Duration.ofSeconds(10));
		if (partitions == null || partitions.isEmpty()) {
			throw new IllegalStateException("topic " + config.commandsTopic() + " does not exist (yet)");
		}
		TopicPartition partition = new TopicPartition(config.commandsTopic(),
				CommandPartition.of(config.target(), partitions.size()));
		kafka.assign(List.of(partition));
		return partition;
	}

	private void handle(ConsumerRecord<String, String> record) {
		String coordinates = record.topic() + "-" + record.partition() + "@" + record.offset();
		String value = record.value() == null ? "" : record.value();
		Decision decision = processor.process(Optional.ofNullable(record.key()), value, coordinates, state.get(),
				this::persist);
		if (decision instanceof Decision.Reject reject) {
			log.warn("rejected {}: {} {}", coordinates, reject.event().reason(), reject.event().detail());
			if (reject.deadLetter()) {
				publisher.deadLetter(record.key() == null ? "" : record.key(), value, coordinates,
						reject.event().reason() + ": " + reject.event().detail());
			}
			publisher.send(publisher.sign(reject.event()).toJsonText());
		}
		else if (decision instanceof Decision.Resend resend) {
			log.info("{} delivered again; sending the answer given before", coordinates);
			publisher.send(resend.answer());
		}
		else if (decision instanceof Decision.Answer answer) {
			String text = publisher.sign(answer.outcome().answer()).toJsonText();
			persist(answer.outcome().state().withSeen(new SeenCommand(answer.command().commandId(), coordinates,
					answer.command().expiry(), text), clock.instant()));
			log.info("{} {}: {}", answer.command().getClass().getSimpleName(), answer.command().commandId(),
					answer.outcome().answer().getClass().getSimpleName());
			publisher.send(text);
		}
	}

	private void persist(AgentState next) {
		store.save(next);
		state.set(next);
	}

	/** Waits out a backoff, or less if {@link #close} is called meanwhile. */
	private void pause(Duration duration) {
		try {
			stopped.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private KafkaConsumer<String, String> newConsumer() {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
		props.putAll(config.kafkaSecurity().clientProperties());
		// a group id only to keep committed offsets; assign() means no group membership and no rebalances
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "nixproc-agent-" + config.target());
		props.put(ConsumerConfig.CLIENT_ID_CONFIG, "nixproc-agent-" + config.target());
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// a new agent reads what was sent before it started; stale commands are refused as expired
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
		// a fetch returns as soon as a command arrives; waiting longer when none does only means fewer empty fetches
		// (an idle agent asked the broker twice a second)
		props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5_000);
		props.put(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, 200);
		props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
		// as the producer's (EventPublisher): no JMX reporter, no telemetry push
		props.put(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
		props.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
		props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
		return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
	}

	/** Past the gate: the loop reads commands (and must not be interrupted). */
	private volatile boolean reading;

	@Override
	public void close() {
		closed = true;
		// no interrupt once reading: it would abort the consumer's own clean close (and a state write in progress);
		// before, the gate (start-up reconciliation, waiting for readiness) stops waiting
		if (!reading) {
			thread.interrupt();
		}
		stopped.countDown();
		consumer.ifPresent(KafkaConsumer::wakeup);
		try {
			thread.join(10_000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}

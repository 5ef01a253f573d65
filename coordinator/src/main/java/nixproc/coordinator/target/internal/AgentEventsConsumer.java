package nixproc.coordinator.target.internal;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import nixproc.coordinator.target.AgentAnswer;
import nixproc.coordinator.target.Enrolments;
import nixproc.coordinator.target.ProcessFailedReported;
import nixproc.coordinator.target.TargetKeyChanged;
import nixproc.events.AgentEvent;
import nixproc.events.CommandRejected;
import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeVerifier;
import nixproc.events.EventCodec;
import nixproc.events.EventFormatException;
import nixproc.events.Heartbeat;
import nixproc.events.ProcessFailed;
import nixproc.events.Registered;
import nixproc.events.StepFailed;
import nixproc.events.StepSucceeded;
import nixproc.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Consumes {@code nixproc.agent-events}. An agent's key is the one an admin enrolled for its target
 * ({@link Enrolments}), else the one pinned at its first {@code Registered} (trust on first use, unless
 * {@code nixproc.coordinator.enrolment} is {@code required}); every event must be signed with it. Anything
 * unparseable, unsigned, badly signed or naming another target goes to the dead-letter topic and changes nothing.
 * Keys are cached for a few seconds, so that a re-key at another coordinator instance counts here soon too.
 */
@Configuration
class AgentEventsConsumer {

	private static final Logger log = LoggerFactory.getLogger(AgentEventsConsumer.class);

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final StreamBridge bridge;

	private final String dlq;

	/** Heartbeats arrive every few seconds from every agent; the row is written at most this often. */
	private final Duration heartbeatWrites;

	private final Map<String, Pinned> pinned = new ConcurrentHashMap<>();

	/** How long a target's key is believed without reading it again. */
	private static final Duration PIN_TTL = Duration.ofSeconds(5);

	private record Pinned(PublicKey key, Instant until) {
	}

	private final Enrolments enrolments;

	private final boolean enrolmentRequired;

	private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	AgentEventsConsumer(JdbcClient jdbc, ApplicationEventPublisher events, StreamBridge bridge,
			@Value("${nixproc.kafka.topic-namespace:}") String namespace,
			@Value("${nixproc.coordinator.heartbeat-write-interval:2s}") Duration heartbeatWrites, Enrolments enrolments,
			@Value("${nixproc.coordinator.enrolment:first-use}") String enrolment) {
		if (!enrolment.equals("first-use") && !enrolment.equals("required")) {
			throw new IllegalStateException("nixproc.coordinator.enrolment (NIXPROC_AGENT_ENROLMENT): first-use or "
					+ "required, not " + enrolment);
		}
		this.enrolments = enrolments;
		this.enrolmentRequired = enrolment.equals("required");
		this.jdbc = jdbc;
		this.events = events;
		this.bridge = bridge;
		this.dlq = namespace + Topics.dlq("nixproc.agent-events");
		this.heartbeatWrites = heartbeatWrites;
	}

	@Bean
	Consumer<Message<byte[]>> agentEvents() {
		return message -> accept(new String(message.getPayload(), StandardCharsets.UTF_8));
	}

	void accept(String text) {
		Envelope envelope;
		AgentEvent event;
		try {
			envelope = Envelope.parse(text);
			event = EventCodec.agentEvent(envelope);
		}
		catch (EventFormatException ex) {
			deadLetter(text, ex.getMessage());
			return;
		}
		if (!envelope.key().equals(event.target()) || !envelope.source().equals("agent:" + event.target())) {
			deadLetter(text, "key/source do not name the event's target " + event.target());
			return;
		}
		Optional<PublicKey> key = event instanceof Registered registered ? registrationKey(registered)
				: pinnedKey(event.target());
		if (key.isEmpty() || new EnvelopeVerifier(key.get()).verify(envelope) != EnvelopeVerifier.Verdict.VALID) {
			deadLetter(text, "not signed by the key target " + event.target() + " registered with");
			return;
		}
		Instant now = clock.instant();
		if (event instanceof Registered registered) {
			register(registered, now);
		}
		else if (event instanceof Heartbeat heartbeat) {
			heartbeat(heartbeat, now);
		}
		else if (event instanceof StepSucceeded succeeded) {
			events.publishEvent(new AgentAnswer(succeeded.commandId(), succeeded.deploymentId(), succeeded.target(), true,
					Optional.empty()));
			seen(succeeded.target(), now);
		}
		else if (event instanceof StepFailed failed) {
			events.publishEvent(new AgentAnswer(failed.commandId(), failed.deploymentId(), failed.target(), false,
					Optional.of(failed.reason())));
			seen(failed.target(), now);
		}
		else if (event instanceof CommandRejected rejected) {
			// only a refusal of a command the agent verified answers it: a forged record's id was chosen by its writer,
			// and a replay is the agent refusing a copy of a command it already answered (the first answer stands)
			if (rejected.reason().answersTheCommand() && rejected.commandId().isPresent()) {
				String commandId = rejected.commandId().get();
				int slash = commandId.indexOf('/');
				events.publishEvent(new AgentAnswer(commandId, slash < 0 ? "" : commandId.substring(0, slash),
						rejected.target(), false, Optional.of("refused: " + rejected.reason() + " " + rejected.detail())));
			}
		}
		else if (event instanceof ProcessFailed processFailed) {
			events.publishEvent(new ProcessFailedReported(envelope.id(), envelope.time(), processFailed.target(),
					processFailed.service(), processFailed.generation(), processFailed.reason()));
		}
	}

	private Optional<PublicKey> registrationKey(Registered registered) {
		PublicKey offered;
		try {
			offered = Ed25519Keys.publicKey(registered.publicKey());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		Optional<PublicKey> known = pinnedKey(registered.target());
		if (known.isPresent() && !known.get().equals(offered)) {
			log.warn("target {} registered with a key other than the enrolled or pinned one; ignored",
					registered.target());
			return Optional.empty();
		}
		if (known.isEmpty() && enrolmentRequired) {
			log.warn("target {} registered without an enrolled key (enrolment required); ignored", registered.target());
			return Optional.empty();
		}
		return Optional.of(offered);
	}

	private Optional<PublicKey> pinnedKey(String target) {
		Instant now = clock.instant();
		Pinned cached = pinned.get(target);
		if (cached != null && cached.until().isAfter(now)) {
			return Optional.of(cached.key());
		}
		Optional<PublicKey> stored = enrolments.enrolled(target)
			.or(() -> jdbc.sql("SELECT public_key FROM target WHERE name = ?").param(target).query(String.class)
				.optional())
			.map(Ed25519Keys::publicKey);
		stored.ifPresentOrElse(k -> pinned.put(target, new Pinned(k, now.plus(PIN_TTL))), () -> pinned.remove(target));
		return stored;
	}

	/** An admin changed the target's key: the cached one no longer counts. */
	@EventListener
	void on(TargetKeyChanged changed) {
		pinned.remove(changed.target());
	}

	private void register(Registered r, Instant now) {
		jdbc.sql("""
				INSERT INTO target (name, public_key, capabilities, agent_version, generation, registered_at, last_seen)
				VALUES (?, ?, ?::jsonb, ?, ?, ?, ?)
				ON CONFLICT (name) DO UPDATE SET capabilities = excluded.capabilities,
					agent_version = excluded.agent_version, generation = excluded.generation,
					registered_at = excluded.registered_at, last_seen = excluded.last_seen
				""")
			.params(r.target(), r.publicKey(), EventCodec.toJson(r.capabilities()).toString(), r.agentVersion(),
					r.generation(), Timestamp.from(r.startedAt()), Timestamp.from(now))
			.update();
		pinned.put(r.target(), new Pinned(Ed25519Keys.publicKey(r.publicKey()), now.plus(PIN_TTL)));
		lastWrite.put(r.target(), now);
		log.info("target {} registered ({} agent {}, generation {})", r.target(), r.capabilities().processManager(),
				r.agentVersion(), r.generation());
	}

	private void heartbeat(Heartbeat h, Instant now) {
		if (writtenRecently(h.target(), now)) {
			return;
		}
		jdbc.sql("UPDATE target SET last_seen = ?, generation = ?, locked_by = ? WHERE name = ?")
			.params(Timestamp.from(now), h.generation(), h.lockedBy().orElse(null), h.target())
			.update();
		lastWrite.put(h.target(), now);
	}

	/** An answer is a sign of life too, written as sparingly as heartbeats: it is on the command round trip. */
	private void seen(String target, Instant now) {
		if (writtenRecently(target, now)) {
			return;
		}
		jdbc.sql("UPDATE target SET last_seen = ? WHERE name = ?").params(Timestamp.from(now), target).update();
		lastWrite.put(target, now);
	}

	/** Whether the target's row got a sign of life less than the heartbeat write interval ago. */
	private boolean writtenRecently(String target, Instant now) {
		Instant last = lastWrite.get(target);
		return last != null && last.plus(heartbeatWrites).isAfter(now);
	}

	private void deadLetter(String text, String why) {
		log.warn("agent event refused ({}); sent to {}", why, dlq);
		bridge.send(dlq, MessageBuilder.withPayload(text.getBytes(StandardCharsets.UTF_8))
			.setHeader("nixproc-error", why)
			.setHeader("kafka_messageKey", "dlq".getBytes(StandardCharsets.UTF_8))
			.build());
	}

}

package nixproc.coordinator.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import nixproc.events.Ed25519Keys;
import nixproc.events.Envelope;
import nixproc.events.EnvelopeVerifier;
import nixproc.events.EventFormatException;
import nixproc.service.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

/**
 * {@code RollbackRequested} on {@code nixproc.deployments} (binding {@code rollbackRequests-in-0}), from operators
 * or monitors: payload {@code {"generation": n}} or {@code {}} for the previous one, as {@code POST /rollback}.
 * The coordinator's own events on that topic are skipped. An event counts only when an operator's key signed it
 * ({@code NIXPROC_OPERATOR_PUBLIC_KEYS}: base64 keys or files, comma-separated; issue 17), within
 * {@link #FRESHNESS} of its time, and once per envelope id ({@code consumed_event}): writing to the topic is not
 * enough to roll the network back. Without operator keys this path is off, and {@code POST /rollback} (deployer) is
 * the way; unsigned, forged and stale events are logged and change nothing.
 */
@Configuration
class RollbackRequestedConsumer {

	private static final Logger log = LoggerFactory.getLogger(RollbackRequestedConsumer.class);

	static final String TYPE = "RollbackRequested";

	/** How old a signed RollbackRequested may be when it arrives: a copy kept for later is refused. */
	static final Duration FRESHNESS = Duration.ofMinutes(5);

	private final Deployments deployments;

	private final DeploymentStore store;

	private final Optional<EnvelopeVerifier> operators;

	private final Clock clock = Clock.systemUTC();

	RollbackRequestedConsumer(Deployments deployments, DeploymentStore store,
			@Value("${nixproc.coordinator.operator-keys:}") String operatorKeys) {
		this.deployments = deployments;
		this.store = store;
		this.operators = operatorKeys(operatorKeys).map(EnvelopeVerifier::new);
	}

	/** The operators' public keys: base64 or files (each may hold several), comma- or space-separated. */
	static Optional<List<PublicKey>> operatorKeys(String setting) {
		List<PublicKey> keys = new ArrayList<>();
		for (String entry : setting.split("[,\\s]+")) {
			if (entry.isBlank()) {
				continue;
			}
			Path file = Path.of(entry);
			try {
				keys.addAll(Files.isRegularFile(file) ? Ed25519Keys.publicKeys(Files.readString(file))
						: List.of(Ed25519Keys.publicKey(entry)));
			}
			catch (IOException | IllegalArgumentException e) {
				throw new IllegalStateException("NIXPROC_OPERATOR_PUBLIC_KEYS: " + entry + ": " + e.getMessage(), e);
			}
		}
		return keys.isEmpty() ? Optional.empty() : Optional.of(keys);
	}

	@Bean
	Consumer<Message<byte[]>> rollbackRequests() {
		return message -> accept(new String(message.getPayload(), StandardCharsets.UTF_8));
	}

	void accept(String text) {
		Envelope envelope;
		try {
			envelope = Envelope.parse(text);
		}
		catch (EventFormatException e) {
			log.warn("unreadable record on the deployments topic ignored: {}", e.getMessage());
			return;
		}
		if (!envelope.type().equals(TYPE)) {
			return;
		}
		if (operators.isEmpty()) {
			log.warn("RollbackRequested {} from {} ignored: no operator keys are configured "
					+ "(NIXPROC_OPERATOR_PUBLIC_KEYS); POST /api/v1/rollback rolls back", envelope.id(), envelope.source());
			return;
		}
		if (operators.get().verify(envelope) != EnvelopeVerifier.Verdict.VALID) {
			log.warn("RollbackRequested {} from {} ignored: not signed by an operator's key", envelope.id(),
					envelope.source());
			return;
		}
		if (envelope.time().isBefore(clock.instant().minus(FRESHNESS))) {
			log.warn("RollbackRequested {} from {} ignored: signed at {}, more than {} ago", envelope.id(),
					envelope.source(), envelope.time(), FRESHNESS);
			return;
		}
		if (!store.consumeOnce(envelope.id(), TYPE)) {
			log.info("RollbackRequested {} seen before; ignored", envelope.id());
			return;
		}
		JsonNode generation = envelope.payload().get("generation");
		try {
			DeploymentRow row = deployments.rollback(Optional.ofNullable(generation).map(JsonNode::asLong),
					DeploymentOptions.DEFAULTS);
			log.info("RollbackRequested {} from {}: deployment {}", envelope.id(), envelope.source(), row.id());
		}
		catch (ProblemException e) {
			log.warn("RollbackRequested {} from {} refused: {}", envelope.id(), envelope.source(), e.getMessage());
		}
	}

}

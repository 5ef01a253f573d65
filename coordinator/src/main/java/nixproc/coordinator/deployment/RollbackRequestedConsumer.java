package nixproc.coordinator.deployment;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

import nixproc.events.Envelope;
import nixproc.events.EventFormatException;
import nixproc.service.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

/**
 * {@code RollbackRequested} on {@code nixproc.deployments} (binding {@code rollbackRequests-in-0}), from operators
 * or monitors: payload {@code {"generation": n}} or {@code {}} for the previous one, as {@code POST /rollback}.
 * The coordinator's own events on that topic are skipped. An envelope id is acted on once ({@code consumed_event}).
 * Such events are not signed: whoever may write to the topic may roll back, as whoever holds a deployer token may.
 */
@Configuration
class RollbackRequestedConsumer {

	private static final Logger log = LoggerFactory.getLogger(RollbackRequestedConsumer.class);

	static final String TYPE = "RollbackRequested";

	private final Deployments deployments;

	private final DeploymentStore store;

	RollbackRequestedConsumer(Deployments deployments, DeploymentStore store) {
		this.deployments = deployments;
		this.store = store;
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

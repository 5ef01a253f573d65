package nixproc.coordinator.deployment;

import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** One deployment as stored: the saga data and what it was asked to deploy. */
public record DeploymentRow(String id, DeploymentStatus status, long generation, Optional<String> revisionId,
		JsonNode request, DeploymentOptions options, SagaData saga, Optional<String> error, Instant createdAt,
		Optional<Instant> finishedAt, long version) {
}

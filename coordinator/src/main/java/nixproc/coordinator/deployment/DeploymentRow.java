package nixproc.coordinator.deployment;

import java.time.Instant;
import java.util.Optional;

/**
 * One deployment as stored: the saga data and what it was asked to deploy.
 *
 * @param request the {@code request} column's JSON text ({@link Sources}), parsed only where the source is needed:
 *        it holds the whole model set, and the saga reads the row on every answer
 */
public record DeploymentRow(String id, DeploymentStatus status, long generation, Optional<String> revisionId,
		String request, DeploymentOptions options, SagaData saga, Optional<String> error, Instant createdAt,
		Optional<Instant> finishedAt, long version) {
}

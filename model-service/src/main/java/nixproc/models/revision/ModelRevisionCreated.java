package nixproc.models.revision;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A new revision was stored (topic {@code nixproc.models}, keyed by revision id). Published inside the storing
 * transaction into the event publication registry; {@link ModelEventsToKafka} hands it to Kafka after commit.
 *
 * @param parent absent for the first revision
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ModelRevisionCreated(String revisionId, Optional<String> parent, String author, String message,
		Instant createdAt, int services, int targets, int mappings) {
}

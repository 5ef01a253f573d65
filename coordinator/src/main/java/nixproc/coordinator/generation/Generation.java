package nixproc.coordinator.generation;

import java.time.Instant;
import java.util.Optional;

import nixproc.coordinator.plan.Manifest;

/** A committed generation: the manifest the network ran from that commit on. */
public record Generation(long number, String deploymentId, Optional<String> revisionId, Instant createdAt,
		Manifest manifest) {
}

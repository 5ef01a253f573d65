package nixproc.models.revision;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A revision without its model: what lists, the store's answer and the event need. Queried on its own because a
 * revision of 10,000 services carries about ten megabytes of canonical form and source, which a list of twenty
 * must not load.
 */
record RevisionHead(String id, @Nullable String parentId, String author, String message, Instant createdAt,
		int services, int targets, int mappings) {

	Optional<String> parent() {
		return Optional.ofNullable(parentId);
	}

}

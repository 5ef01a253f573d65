package nixproc.models.revision;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One stored revision. Read-only for JPA: rows are written once by {@link RevisionRepository#insertIfAbsent}, whose
 * {@code ON CONFLICT DO NOTHING} makes two identical submissions racing each other end in one row, not a 500.
 */
@Entity
@Table(name = "revision")
class Revision {

	@Id
	private String id = "";

	@Column(insertable = false, updatable = false)
	private long seq;

	private @Nullable String parent;

	private String author = "";

	private String message = "";

	@Column(name = "created_at")
	private Instant createdAt = Instant.EPOCH;

	private String canonical = "";

	private String source = "";

	private int services;

	private int targets;

	private int mappings;

	protected Revision() {
	}

	String id() {
		return id;
	}

	long seq() {
		return seq;
	}

	java.util.Optional<String> parent() {
		return java.util.Optional.ofNullable(parent);
	}

	String author() {
		return author;
	}

	String message() {
		return message;
	}

	Instant createdAt() {
		return createdAt;
	}

	String canonical() {
		return canonical;
	}

	String source() {
		return source;
	}

	int services() {
		return services;
	}

	int targets() {
		return targets;
	}

	int mappings() {
		return mappings;
	}

}

package nixproc.coordinator.generation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.coordinator.plan.Manifest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed generations, numbered from 1 as Disnix numbers its coordinator profile's generations; generation 0
 * is the empty network. Commits are only ever added: a rollback commits a new generation with an old manifest, so
 * rolling back twice returns to where one was.
 */
@Component
public class Generations {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Generations(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<Generation> latest() {
		return jdbc.sql("SELECT * FROM generation ORDER BY number DESC LIMIT 1").query(this::row).optional();
	}

	/** The manifest running now: the latest generation's, or the empty one. */
	public Manifest current() {
		return latest().map(Generation::manifest).orElse(Manifest.EMPTY);
	}

	public long latestNumber() {
		return jdbc.sql("SELECT coalesce(max(number), 0) FROM generation").query(Long.class).single();
	}

	public Optional<Generation> find(long number) {
		return jdbc.sql("SELECT * FROM generation WHERE number = ?").param(number).query(this::row).optional();
	}

	/** Newest first, without manifests' bulk mattering to the caller (they are small beside a deployment). */
	public List<Generation> all() {
		return jdbc.sql("SELECT * FROM generation ORDER BY number DESC").query(this::row).list();
	}

	/**
	 * Stores generation {@code number}; call inside the transaction that marks its deployment committed.
	 *
	 * @param manifestJson the {@link Manifest} as JSON
	 */
	public void commit(long number, String deploymentId, Optional<String> revisionId, String manifestJson, Instant at) {
		jdbc.sql("INSERT INTO generation (number, deployment_id, revision_id, manifest, created_at) VALUES (?, ?, ?, ?::jsonb, ?)")
			.params(number, deploymentId, revisionId.orElse(null), manifestJson, Timestamp.from(at))
			.update();
	}

	private Generation row(ResultSet rs, int n) throws SQLException {
		return new Generation(rs.getLong("number"), rs.getString("deployment_id"),
				Optional.ofNullable(rs.getString("revision_id")), rs.getTimestamp("created_at").toInstant(),
				json.readValue(rs.getString("manifest"), Manifest.class));
	}

}

package nixproc.coordinator.deployment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nixproc.coordinator.plan.Manifest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The {@code deployment}, {@code target_lock} and {@code step_reply} tables. */
@Component
class DeploymentStore {

	/** A row's columns but the manifest, which only {@link #manifestJson} reads: the saga reads rows on every answer. */
	private static final String ROW = "id, status, generation, revision_id, request, options, saga, error, created_at, "
			+ "finished_at, version";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	DeploymentStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(DeploymentRow row) {
		jdbc.sql("""
				INSERT INTO deployment (id, status, generation, revision_id, request, options, saga, created_at)
				VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)""")
			.params(row.id(), row.status().name(), row.generation(), row.revisionId().orElse(null),
					row.request(), json.writeValueAsString(row.options()),
					json.writeValueAsString(row.saga()), Timestamp.from(row.createdAt()))
			.update();
	}

	/** Takes a target for the deployment, or names the deployment holding it. */
	Optional<String> lock(String target, String deploymentId) {
		int taken = jdbc.sql("INSERT INTO target_lock (target, deployment_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(target, deploymentId)
			.update();
		if (taken == 1) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT deployment_id FROM target_lock WHERE target = ?").param(target).query(String.class)
			.optional();
	}

	/**
	 * Makes {@code owner} the one coordinator driving the deployment until {@code lease} from now, unless another
	 * holds an unexpired lease. Renewed at every drive, so a coordinator that dies hands over after one lease.
	 */
	boolean claim(String id, String owner, Instant now, Duration lease) {
		return jdbc.sql("""
				UPDATE deployment SET owner = ?, lease_until = ?
				WHERE id = ? AND finished_at IS NULL AND (owner IS NULL OR owner = ? OR lease_until < ?)""")
			.params(owner, Timestamp.from(now.plus(lease)), id, owner, Timestamp.from(now))
			.update() == 1;
	}

	/** Writes the transition's data; fails when another writer got there first (version column). */
	void save(DeploymentRow row, SagaData saga, Optional<Manifest> manifest, Instant now) {
		int updated = jdbc.sql("""
				UPDATE deployment SET status = ?, saga = ?::jsonb, error = ?, manifest = coalesce(?::jsonb, manifest),
					finished_at = coalesce(finished_at, ?), version = version + 1
				WHERE id = ? AND version = ?""")
			.params(saga.status().name(), json.writeValueAsString(saga), saga.failure().orElse(null),
					manifest.map(this::json).orElse(null),
					saga.status().terminal() ? Timestamp.from(now) : null, row.id(), row.version())
			.update();
		if (updated != 1) {
			throw new OptimisticLockingFailureException("deployment " + row.id() + " changed under us");
		}
		if (saga.status().terminal()) {
			jdbc.sql("DELETE FROM target_lock WHERE deployment_id = ?").param(row.id()).update();
		}
	}

	/** The manifest the deployment was planned with, as stored (JSON text). */
	Optional<String> manifestJson(String id) {
		return jdbc.sql("SELECT manifest FROM deployment WHERE id = ? AND manifest IS NOT NULL")
			.param(id)
			.query(String.class)
			.optional();
	}

	String json(Manifest manifest) {
		return json.writeValueAsString(manifest);
	}

	Optional<DeploymentRow> find(String id) {
		return jdbc.sql("SELECT " + ROW + " FROM deployment WHERE id = ?").param(id).query(this::row).optional();
	}

	List<DeploymentRow> recent(int limit) {
		return jdbc.sql("SELECT " + ROW + " FROM deployment ORDER BY created_at DESC LIMIT ?").param(limit)
			.query(this::row)
			.list();
	}

	List<String> unfinished() {
		return jdbc.sql("SELECT id FROM deployment WHERE finished_at IS NULL ORDER BY created_at")
			.query(String.class)
			.list();
	}

	boolean anyUnfinished() {
		return !unfinished().isEmpty();
	}

	/**
	 * Stores an answer once (the consumer may see it again after a rebalance): the first answer of a target to a
	 * command id wins, and only the target's own, so another agent cannot take the slot of a step it does not run.
	 */
	void reply(String commandId, String deploymentId, String target, boolean succeeded, Optional<String> reason,
			Instant now) {
		jdbc.sql("""
				INSERT INTO step_reply (command_id, deployment_id, target, succeeded, reason, received_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(commandId, deploymentId, target, succeeded, reason.orElse(null), Timestamp.from(now))
			.update();
	}

	/** Records that an operator's or agent's event was acted on; false when it was before (the same event again). */
	boolean consumeOnce(String eventId, String type) {
		return jdbc.sql("INSERT INTO consumed_event (id, type) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(eventId, type)
			.update() == 1;
	}

	List<StepReply> pendingReplies(String deploymentId) {
		return jdbc.sql("SELECT * FROM step_reply WHERE deployment_id = ? AND NOT applied ORDER BY received_at")
			.param(deploymentId)
			.query((rs, n) -> new StepReply(rs.getString("command_id"), rs.getString("target"),
					rs.getBoolean("succeeded"), Optional.ofNullable(rs.getString("reason"))))
			.list();
	}

	void applied(List<StepReply> replies) {
		replies.forEach(r -> jdbc.sql("UPDATE step_reply SET applied = true WHERE command_id = ? AND target = ?")
			.params(r.commandId(), r.target())
			.update());
	}

	private DeploymentRow row(ResultSet rs, int n) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new DeploymentRow(rs.getString("id"), DeploymentStatus.valueOf(rs.getString("status")),
				rs.getLong("generation"), Optional.ofNullable(rs.getString("revision_id")), rs.getString("request"),
				json.readValue(rs.getString("options"), DeploymentOptions.class),
				json.readValue(rs.getString("saga"), SagaData.class), Optional.ofNullable(rs.getString("error")),
				rs.getTimestamp("created_at").toInstant(), Optional.ofNullable(finished).map(Timestamp::toInstant),
				rs.getLong("version"));
	}

}

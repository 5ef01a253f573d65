package nixproc.ids.assignment;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import nixproc.ids.IdAssignments;
import nixproc.ids.IdPool;
import nixproc.ids.OtherHolders;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The {@code holding}, {@code pool_cursor} and {@code service_targets} tables. */
@Repository
class HoldingStore {

	/** IDs read ahead per query of {@link #othersOutside}: one query usually serves a whole request. */
	private static final long READ_AHEAD_SLOTS = 4096;

	private final NamedParameterJdbcTemplate jdbc;

	HoldingStore(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Holdings and cursors of the pools; of the given services only, or of everybody when {@code services} is empty. */
	Holdings load(Collection<IdPool> pools, Optional<Collection<String>> services) {
		Map<String, Map<String, Long>> ids = new TreeMap<>();
		Map<String, Map<String, Set<String>>> rows = new TreeMap<>();
		Map<String, Long> last = new TreeMap<>();
		Map<String, Map<String, Long>> perTarget = new TreeMap<>();
		Map<String, List<String>> targets = new TreeMap<>();
		if (pools.isEmpty() || services.map(Collection::isEmpty).orElse(false)) {
			return new Holdings(IdAssignments.EMPTY, rows);
		}
		MapSqlParameterSource params = new MapSqlParameterSource("pools", pools.stream().map(IdPool::name).toList());
		String serviceFilter = "";
		if (services.isPresent()) {
			params.addValue("services", new ArrayList<>(services.get()));
			serviceFilter = " AND service IN (:services)";
		}
		jdbc.query("SELECT pool, service, target, id FROM holding WHERE pool IN (:pools)" + serviceFilter, params, rs -> {
			String pool = rs.getString(1);
			String service = rs.getString(2);
			ids.computeIfAbsent(pool, p -> new TreeMap<>()).put(service, rs.getLong(4));
			rows.computeIfAbsent(pool, p -> new TreeMap<>()).computeIfAbsent(service, s -> new TreeSet<>())
				.add(rs.getString(3));
		});
		jdbc.query("SELECT pool, target, last_id FROM pool_cursor WHERE pool IN (:pools)", params, rs -> {
			String target = rs.getString(2);
			if (target.equals(Holdings.GLOBAL)) {
				last.put(rs.getString(1), rs.getLong(3));
			}
			else {
				perTarget.computeIfAbsent(target, t -> new TreeMap<>()).put(rs.getString(1), rs.getLong(3));
			}
		});
		jdbc.query("SELECT service, targets FROM service_targets" + (services.isPresent() ? " WHERE service IN (:services)" : ""),
				params, rs -> {
					Array array = rs.getArray(2);
					targets.put(rs.getString(1), Arrays.asList((String[]) array.getArray()));
				});
		return new Holdings(new IdAssignments(ids, last, perTarget, targets), rows);
	}

	/**
	 * IDs held by services other than {@code excluded}, read ahead in windows: the pools are locked, so what was read
	 * stays true until the transaction ends.
	 */
	OtherHolders othersOutside(Set<String> excluded) {
		Map<String, Window> windows = new HashMap<>();
		return (pool, target, from, to) -> {
			String scope = target.orElse(Holdings.GLOBAL);
			String key = pool.name() + "\u0000" + scope;
			Window window = windows.get(key);
			if (window == null || from < window.from || to > window.to) {
				long until = Math.min(pool.max(), Math.max(to, from + (READ_AHEAD_SLOTS - 1) * pool.step()));
				window = new Window(from, until, new TreeSet<>());
				Window filling = window;
				jdbc.query("SELECT service, id FROM holding WHERE pool = :pool AND target = :target AND id BETWEEN :from AND :to",
						new MapSqlParameterSource().addValue("pool", pool.name()).addValue("target", scope)
							.addValue("from", from).addValue("to", until),
						rs -> {
							if (!excluded.contains(rs.getString(1))) {
								filling.held.add(rs.getLong(2));
							}
						});
				windows.put(key, window);
			}
			return window.held.subSet(from, true, to, true);
		};
	}

	/** Services holding an ID of the pool that the definition does not contain, as "service holds id" sentences. */
	List<String> outside(IdPool pool) {
		List<String> holders = new ArrayList<>();
		jdbc.query("SELECT DISTINCT service, id FROM holding WHERE pool = :pool ORDER BY service",
				new MapSqlParameterSource("pool", pool.name()), rs -> {
					if (!pool.contains(rs.getLong(2))) {
						holders.add("service '" + rs.getString(1) + "' holds " + rs.getLong(2));
					}
				});
		return holders;
	}

	boolean anyIn(String pool) {
		return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM holding WHERE pool = :pool)",
				new MapSqlParameterSource("pool", pool), Boolean.class));
	}

	void delete(List<String[]> poolAndService) {
		if (!poolAndService.isEmpty()) {
			jdbc.batchUpdate("DELETE FROM holding WHERE pool = :pool AND service = :service", poolAndService.stream()
				.map(ps -> new MapSqlParameterSource().addValue("pool", ps[0]).addValue("service", ps[1]))
				.toArray(SqlParameterSource[]::new));
		}
	}

	void insert(List<Row> rows) {
		if (!rows.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO holding (pool, service, target, id) VALUES (:pool, :service, :target, :id)",
					rows.stream()
						.map(r -> new MapSqlParameterSource().addValue("pool", r.pool()).addValue("service", r.service())
							.addValue("target", r.target()).addValue("id", r.id()))
						.toArray(SqlParameterSource[]::new));
		}
	}

	void upsertCursors(List<Row> cursors) {
		if (!cursors.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO pool_cursor (pool, target, last_id) VALUES (:pool, :target, :id) "
					+ "ON CONFLICT (pool, target) DO UPDATE SET last_id = EXCLUDED.last_id", cursors.stream()
				.map(r -> new MapSqlParameterSource().addValue("pool", r.pool()).addValue("target", r.target())
					.addValue("id", r.id()))
				.toArray(SqlParameterSource[]::new));
		}
	}

	void deleteCursorsExcept(Collection<String> pools, Set<String> keep) {
		if (pools.isEmpty()) {
			return;
		}
		List<String[]> stale = new ArrayList<>();
		jdbc.query("SELECT pool, target FROM pool_cursor WHERE pool IN (:pools)",
				new MapSqlParameterSource("pools", new ArrayList<>(pools)), rs -> {
					if (!keep.contains(rs.getString(1) + "\u0000" + rs.getString(2))) {
						stale.add(new String[] { rs.getString(1), rs.getString(2) });
					}
				});
		if (!stale.isEmpty()) {
			jdbc.batchUpdate("DELETE FROM pool_cursor WHERE pool = :pool AND target = :target", stale.stream()
				.map(s -> new MapSqlParameterSource().addValue("pool", s[0]).addValue("target", s[1]))
				.toArray(SqlParameterSource[]::new));
		}
	}

	void upsertTargets(Map<String, List<String>> targets) {
		if (!targets.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO service_targets (service, targets) VALUES (:service, :targets) "
					+ "ON CONFLICT (service) DO UPDATE SET targets = EXCLUDED.targets "
					+ "WHERE service_targets.targets IS DISTINCT FROM EXCLUDED.targets", targets.entrySet().stream()
				.map(e -> new MapSqlParameterSource().addValue("service", e.getKey())
					.addValue("targets", e.getValue().toArray(String[]::new), java.sql.Types.ARRAY))
				.toArray(SqlParameterSource[]::new));
		}
	}

	/** Forgets the targets of services that hold nothing any more. */
	void deleteTargetsOfNonHolders() {
		jdbc.update("DELETE FROM service_targets s WHERE NOT EXISTS (SELECT 1 FROM holding h WHERE h.service = s.service)",
				new MapSqlParameterSource());
	}

	/** Inserts the deployment id unless it exists; blocks while another transaction holds it uncommitted. */
	boolean claim(String deploymentId, String hash) {
		return jdbc.update("INSERT INTO deployment_request (deployment_id, request_hash) VALUES (:id, :hash) "
				+ "ON CONFLICT (deployment_id) DO NOTHING",
				new MapSqlParameterSource().addValue("id", deploymentId).addValue("hash", hash)) == 1;
	}

	/** The hash and stored answer for a deployment id. */
	Optional<String[]> answered(String deploymentId) {
		return jdbc.query("SELECT request_hash, response FROM deployment_request WHERE deployment_id = :id",
				new MapSqlParameterSource("id", deploymentId),
				(rs, row) -> new String[] { rs.getString(1), rs.getString(2) }).stream().findFirst();
	}

	void answer(String deploymentId, String response) {
		jdbc.update("UPDATE deployment_request SET response = :response WHERE deployment_id = :id",
				new MapSqlParameterSource().addValue("id", deploymentId).addValue("response", response));
	}

	/** A row of {@code holding} or {@code pool_cursor} ({@code service} unused there). */
	record Row(String pool, String service, String target, long id) {
	}

	private record Window(long from, long to, TreeSet<Long> held) {
	}


}

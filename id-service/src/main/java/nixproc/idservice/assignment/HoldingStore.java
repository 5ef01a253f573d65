package nixproc.idservice.assignment;

import java.sql.Types;
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

import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.OtherHolders;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code holding}, {@code pool_cursor} and {@code service_targets} tables. */
@Repository
class HoldingStore {

	/** IDs read ahead per query of {@link #othersOutside}: one query usually serves a whole request. */
	private static final long READ_AHEAD_SLOTS = 4096;

	/** Targets per service from a JSON object {@code {service: [target, …]}}, in their order; unchanged rows stay untouched. */
	private static final String UPSERT_TARGETS = "INSERT INTO service_targets (service, targets) "
			+ "SELECT t.key, ARRAY(SELECT e.value FROM jsonb_array_elements_text(t.value) WITH ORDINALITY e (value, n) ORDER BY e.n) "
			+ "FROM jsonb_each(CAST(:targets AS jsonb)) t "
			+ "ON CONFLICT (service) DO UPDATE SET targets = EXCLUDED.targets "
			+ "WHERE service_targets.targets IS DISTINCT FROM EXCLUDED.targets";

	private final NamedParameterJdbcTemplate jdbc;

	private final JsonMapper json;

	HoldingStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Holdings and cursors of the pools, and the targets of the services; of the given services only, or of everybody
	 * when {@code services} is empty. One statement, one round trip (the pools are locked while it runs): the names go
	 * in as arrays, so the plan is one and always an index lookup per name, however many services a request names.
	 */
	Holdings load(Collection<IdPool> pools, Optional<Collection<String>> services) {
		return load(pools, services, Set.of(), new HashMap<>());
	}

	/**
	 * What a run for some services needs, read in the one statement of {@link #load}: their holdings, the cursors, and
	 * for each cursor of {@code scopes} ({@code ""} for a global pool, else a target) the first read-ahead window after
	 * it of the IDs that others hold — where the run will look first. Later windows are read on demand.
	 */
	Run loadRun(Collection<IdPool> pools, Collection<String> services, Set<String> scopes) {
		Map<String, Window> windows = new HashMap<>();
		Holdings before = load(pools, Optional.of(services), scopes, windows);
		return new Run(before, othersOutside(Set.copyOf(services), windows));
	}

	/** The state a run starts from, and the IDs others hold. */
	record Run(Holdings before, OtherHolders others) {
	}

	private Holdings load(Collection<IdPool> pools, Optional<Collection<String>> services, Set<String> scopes,
			Map<String, Window> windows) {
		Map<String, Map<String, Long>> ids = new TreeMap<>();
		Map<String, Map<String, Set<String>>> rows = new TreeMap<>();
		Map<String, Long> last = new TreeMap<>();
		Map<String, Map<String, Long>> perTarget = new TreeMap<>();
		Map<String, List<String>> targets = new TreeMap<>();
		List<Row> others = new ArrayList<>();
		if (pools.isEmpty() || services.map(Collection::isEmpty).orElse(false)) {
			return new Holdings(IdAssignments.EMPTY, rows);
		}
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("pools",
				pools.stream().map(IdPool::name).toArray(String[]::new), Types.ARRAY);
		String holdings;
		String ofServices;
		if (services.isPresent()) {
			params.addValue("services", services.get().toArray(String[]::new), Types.ARRAY);
			holdings = "SELECT 'h', h.pool, h.service, h.target, h.id, NULL::text[] FROM unnest(CAST(:services AS text[])) s (service) "
					+ "JOIN holding h ON h.service = s.service AND h.pool = ANY (CAST(:pools AS text[]))";
			ofServices = " WHERE service = ANY (CAST(:services AS text[]))";
			if (!scopes.isEmpty()) {
				holdings += " UNION ALL SELECT 'o', h.pool, h.service, h.target, h.id, NULL FROM pool_cursor c "
						+ "JOIN pool p ON p.name = c.pool JOIN holding h ON h.pool = c.pool AND h.target = c.target "
						+ "AND h.id BETWEEN c.last_id + 1 AND LEAST(p.max, c.last_id + :slots * p.step) "
						+ "WHERE c.pool = ANY (CAST(:pools AS text[])) AND c.target = ANY (CAST(:scopes AS text[]))";
				params.addValue("scopes", scopes.toArray(String[]::new), Types.ARRAY).addValue("slots", READ_AHEAD_SLOTS);
			}
		}
		else {
			holdings = "SELECT 'h', pool, service, target, id, NULL::text[] FROM holding WHERE pool = ANY (CAST(:pools AS text[]))";
			ofServices = "";
		}
		jdbc.query(holdings
				+ " UNION ALL SELECT 'c', pool, NULL, target, last_id, NULL FROM pool_cursor WHERE pool = ANY (CAST(:pools AS text[]))"
				+ " UNION ALL SELECT 't', NULL, service, NULL, NULL, targets FROM service_targets" + ofServices, params, rs -> {
					switch (rs.getString(1)) {
						case "h" -> {
							String pool = rs.getString(2);
							String service = rs.getString(3);
							ids.computeIfAbsent(pool, p -> new TreeMap<>()).put(service, rs.getLong(5));
							rows.computeIfAbsent(pool, p -> new TreeMap<>()).computeIfAbsent(service, x -> new TreeSet<>())
								.add(rs.getString(4));
						}
						case "o" -> others.add(new Row(rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
						case "c" -> {
							String target = rs.getString(4);
							if (target.equals(Holdings.GLOBAL)) {
								last.put(rs.getString(2), rs.getLong(5));
							}
							else {
								perTarget.computeIfAbsent(target, t -> new TreeMap<>()).put(rs.getString(2), rs.getLong(5));
							}
						}
						default -> targets.put(rs.getString(3), Arrays.asList((String[]) rs.getArray(6).getArray()));
					}
				});
		// the windows the 'o' rows fill: (cursor, cursor + slots × step], as the statement read them
		Set<String> excluded = services.<Set<String>>map(Set::copyOf).orElse(Set.of());
		for (IdPool pool : pools) {
			Map<String, Long> cursors = new HashMap<>();
			if (last.containsKey(pool.name())) {
				cursors.put(Holdings.GLOBAL, last.get(pool.name()));
			}
			perTarget.forEach((target, lasts) -> {
				if (lasts.containsKey(pool.name())) {
					cursors.put(target, lasts.get(pool.name()));
				}
			});
			cursors.forEach((scope, cursor) -> {
				if (scopes.contains(scope) && cursor < pool.max()) {
					windows.put(pool.name() + "\u0000" + scope, new Window(cursor + 1,
							Math.min(pool.max(), cursor + READ_AHEAD_SLOTS * pool.step()), new TreeSet<>()));
				}
			});
		}
		for (Row other : others) {
			Window window = windows.get(other.pool() + "\u0000" + other.target());
			if (window != null && !excluded.contains(other.service())) {
				window.held().add(other.id());
			}
		}
		return new Holdings(new IdAssignments(ids, last, perTarget, targets), rows);
	}

	/**
	 * IDs held by services other than {@code excluded}, read ahead in windows (the first ones filled by {@link #load}):
	 * the pools are locked, so what was read stays true until the transaction ends.
	 */
	private OtherHolders othersOutside(Set<String> excluded, Map<String, Window> windows) {
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

	/** Deletes the holding rows of these holders. */
	void delete(List<Holder> holders) {
		if (!holders.isEmpty()) {
			jdbc.update("DELETE FROM holding h USING unnest(CAST(:pools AS text[]), CAST(:services AS text[])) d (pool, service) "
					+ "WHERE h.pool = d.pool AND h.service = d.service", new MapSqlParameterSource()
				.addValue("pools", holders.stream().map(Holder::pool).toArray(String[]::new), Types.ARRAY)
				.addValue("services", holders.stream().map(Holder::service).toArray(String[]::new), Types.ARRAY));
		}
	}

	/**
	 * The writes of a run after its deletes, as one statement (one round trip, one plan, whatever the number of
	 * rows): inserts the holdings, moves the cursors, records the services' targets, stores the deployments' answers
	 * and gives back the deployment ids of the requests of a batch that failed.
	 *
	 * @param answers the answers to store
	 * @param unclaimed deployment ids claimed in this transaction by requests that failed: not used up
	 */
	void write(List<Row> inserts, List<Row> cursors, Map<String, List<String>> targets, List<Answer> answers,
			List<String> unclaimed) {
		List<String> parts = new ArrayList<>();
		MapSqlParameterSource params = new MapSqlParameterSource();
		if (!inserts.isEmpty()) {
			parts.add("INSERT INTO holding (pool, service, target, id) SELECT * FROM unnest(CAST(:hPools AS text[]), "
					+ "CAST(:hServices AS text[]), CAST(:hTargets AS text[]), CAST(:hIds AS bigint[]))");
			params.addValue("hPools", inserts.stream().map(Row::pool).toArray(String[]::new), Types.ARRAY)
				.addValue("hServices", inserts.stream().map(Row::service).toArray(String[]::new), Types.ARRAY)
				.addValue("hTargets", inserts.stream().map(Row::target).toArray(String[]::new), Types.ARRAY)
				.addValue("hIds", inserts.stream().mapToLong(Row::id).toArray(), Types.ARRAY);
		}
		if (!cursors.isEmpty()) {
			parts.add("INSERT INTO pool_cursor (pool, target, last_id) SELECT * FROM unnest(CAST(:cPools AS text[]), "
					+ "CAST(:cTargets AS text[]), CAST(:cIds AS bigint[])) "
					+ "ON CONFLICT (pool, target) DO UPDATE SET last_id = EXCLUDED.last_id");
			params.addValue("cPools", cursors.stream().map(Row::pool).toArray(String[]::new), Types.ARRAY)
				.addValue("cTargets", cursors.stream().map(Row::target).toArray(String[]::new), Types.ARRAY)
				.addValue("cIds", cursors.stream().mapToLong(Row::id).toArray(), Types.ARRAY);
		}
		if (!targets.isEmpty()) {
			parts.add(UPSERT_TARGETS);
			params.addValue("targets", json.writeValueAsString(targets));
		}
		if (!answers.isEmpty()) {
			parts.add("UPDATE deployment_request d SET response = a.response FROM unnest(CAST(:aIds AS text[]), "
					+ "CAST(:aResponses AS text[])) a (deployment_id, response) WHERE d.deployment_id = a.deployment_id");
			params.addValue("aIds", answers.stream().map(Answer::deploymentId).toArray(String[]::new), Types.ARRAY)
				.addValue("aResponses", answers.stream().map(Answer::response).toArray(String[]::new), Types.ARRAY);
		}
		if (!unclaimed.isEmpty()) {
			parts.add("DELETE FROM deployment_request WHERE deployment_id = ANY (CAST(:unclaimed AS text[]))");
			params.addValue("unclaimed", unclaimed.toArray(String[]::new), Types.ARRAY);
		}
		if (parts.isEmpty()) {
			return;
		}
		StringBuilder sql = new StringBuilder("WITH ");
		for (int i = 0; i < parts.size(); i++) {
			sql.append(i == 0 ? "" : ", ").append("w").append(i).append(" AS (").append(parts.get(i)).append(")");
		}
		// data-modifying WITH parts run whether or not the main query reads them
		jdbc.query(sql.append(" SELECT 1").toString(), params, rs -> null);
	}

	void deleteCursorsExcept(Collection<String> pools, Set<String> keep) {
		if (pools.isEmpty()) {
			return;
		}
		List<Row> stale = new ArrayList<>();
		jdbc.query("SELECT pool, target, last_id FROM pool_cursor WHERE pool IN (:pools)",
				new MapSqlParameterSource("pools", new ArrayList<>(pools)), rs -> {
					if (!keep.contains(rs.getString(1) + "\u0000" + rs.getString(2))) {
						stale.add(new Row(rs.getString(1), "", rs.getString(2), rs.getLong(3)));
					}
				});
		if (!stale.isEmpty()) {
			jdbc.batchUpdate("DELETE FROM pool_cursor WHERE pool = :pool AND target = :target", stale.stream()
				.map(s -> new MapSqlParameterSource().addValue("pool", s.pool()).addValue("target", s.target()))
				.toArray(SqlParameterSource[]::new));
		}
	}

	void upsertTargets(Map<String, List<String>> targets) {
		write(List.of(), List.of(), targets, List.of(), List.of());
	}

	/** Forgets the targets of services that hold nothing any more. */
	void deleteTargetsOfNonHolders() {
		jdbc.update("DELETE FROM service_targets s WHERE NOT EXISTS (SELECT 1 FROM holding h WHERE h.service = s.service)",
				new MapSqlParameterSource());
	}

	/**
	 * Claims the deployment ids of a batch (distinct) in one statement, blocking on those another transaction holds
	 * uncommitted: for each, whether this transaction claimed it, else the hash and answer stored for it (none if it
	 * was committed while this statement waited for it).
	 */
	Map<String, Claim> claimAll(List<String> deploymentIds, List<String> hashes) {
		Map<String, Claim> claims = new HashMap<>();
		jdbc.query("WITH d AS (SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:hashes AS text[])) d (deployment_id, request_hash)), "
				+ "ins AS (INSERT INTO deployment_request (deployment_id, request_hash) SELECT deployment_id, request_hash FROM d "
				// a fixed order: two batches claiming the same ids never wait for each other in a cycle
				+ "ORDER BY deployment_id ON CONFLICT (deployment_id) DO NOTHING RETURNING deployment_id) "
				+ "SELECT d.deployment_id, i.deployment_id IS NOT NULL, r.request_hash, r.response FROM d "
				+ "LEFT JOIN ins i ON i.deployment_id = d.deployment_id "
				+ "LEFT JOIN deployment_request r ON r.deployment_id = d.deployment_id",
				new MapSqlParameterSource().addValue("ids", deploymentIds.toArray(String[]::new), Types.ARRAY)
					.addValue("hashes", hashes.toArray(String[]::new), Types.ARRAY),
				rs -> {
					String hash = rs.getString(3);
					claims.put(rs.getString(1), new Claim(rs.getBoolean(2),
							hash == null ? Optional.empty() : Optional.of(new Stored(hash, Optional.ofNullable(rs.getString(4))))));
				});
		return claims;
	}

	/** A deployment id's claim: claimed now, or what was stored for it before (unless the statement did not see it). */
	record Claim(boolean claimed, Optional<Stored> stored) {
	}

	/**
	 * What a deployment id holds: the hash of the request that used it, and its answer (none while that request's
	 * transaction has not written it).
	 */
	record Stored(String hash, Optional<String> response) {
	}

	/** The hash and stored answer for a deployment id. */
	Optional<Stored> answered(String deploymentId) {
		return jdbc.query("SELECT request_hash, response FROM deployment_request WHERE deployment_id = :id",
				new MapSqlParameterSource("id", deploymentId),
				(rs, row) -> new Stored(rs.getString(1), Optional.ofNullable(rs.getString(2)))).stream().findFirst();
	}

	/** The answer given to a deployment id. */
	record Answer(String deploymentId, String response) {
	}

	/** A service holding an ID of a pool (on one target or more). */
	record Holder(String pool, String service) {
	}

	/** A row of {@code holding} or {@code pool_cursor} ({@code service} unused there). */
	record Row(String pool, String service, String target, long id) {
	}

	private record Window(long from, long to, TreeSet<Long> held) {
	}


}

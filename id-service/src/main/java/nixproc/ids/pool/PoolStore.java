package nixproc.ids.pool;

import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import nixproc.ids.IdPool;
import nixproc.ids.Scope;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code pool} table. Plain JDBC rather than JPA: the assignment path needs {@code SELECT … FOR UPDATE} in a
 * fixed order and nothing of an entity's life cycle, and one data-access style per service is easier to follow.
 */
@Repository
class PoolStore {

	private static final RowMapper<IdPool> POOL = (rs, row) -> new IdPool(rs.getString("name"), rs.getLong("min"),
			rs.getLong("max"), rs.getLong("step"), Scope.fromModelName(rs.getString("scope")));

	/** Row locks in name order: a fixed order, so two requests never wait for each other in a cycle. */
	private static final String LOCK = "SELECT * FROM pool WHERE name = ANY (CAST(:lockNames AS text[])) ORDER BY name FOR UPDATE";

	private final NamedParameterJdbcTemplate jdbc;

	PoolStore(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<IdPool> all() {
		return jdbc.query("SELECT * FROM pool ORDER BY name", POOL);
	}

	Optional<IdPool> find(String name) {
		return jdbc.query("SELECT * FROM pool WHERE name = :name", new MapSqlParameterSource("name", name), POOL)
			.stream()
			.findFirst();
	}

	/** Locks the named pools in name order (a fixed order, so two requests never wait for each other in a cycle). */
	List<IdPool> lock(Collection<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		return jdbc.query(LOCK, lockNames(names, new MapSqlParameterSource()), POOL);
	}

	/**
	 * {@link #lock}, then {@code then} as a second statement sent with it (pgjdbc sends both in one flight): one round
	 * trip. PostgreSQL runs the second once the first returned, i.e. holding the locks, and under READ COMMITTED with a
	 * snapshot of its own taken then.
	 */
	<T> Pools.Locked<T> lockThen(Collection<String> names, String then, MapSqlParameterSource params,
			ResultSetExtractor<T> extractor) {
		return jdbc.execute(LOCK + ";\n" + then, lockNames(names, params), statement -> {
			statement.execute();
			List<IdPool> locked = new ArrayList<>();
			try (ResultSet pools = statement.getResultSet()) {
				while (pools.next()) {
					locked.add(POOL.mapRow(pools, locked.size()));
				}
			}
			if (!statement.getMoreResults()) {
				throw new IllegalStateException("the statement after the pool lock returned no result set: " + then);
			}
			try (ResultSet rows = statement.getResultSet()) {
				return new Pools.Locked<>(List.copyOf(locked), extractor.extractData(rows));
			}
		});
	}

	private static MapSqlParameterSource lockNames(Collection<String> names, MapSqlParameterSource params) {
		if (params.hasValue("lockNames")) {
			throw new IllegalArgumentException("parameter lockNames is the lock statement's");
		}
		return params.addValue("lockNames", names.toArray(String[]::new), Types.ARRAY);
	}

	List<IdPool> lockAll() {
		return jdbc.query("SELECT * FROM pool ORDER BY name FOR UPDATE", POOL);
	}

	boolean insert(IdPool pool) {
		return jdbc.update("INSERT INTO pool (name, min, max, step, scope) VALUES (:name, :min, :max, :step, :scope) "
				+ "ON CONFLICT (name) DO NOTHING", params(pool)) == 1;
	}

	void update(IdPool pool) {
		jdbc.update("UPDATE pool SET min = :min, max = :max, step = :step, scope = :scope WHERE name = :name",
				params(pool));
	}

	void delete(String name) {
		jdbc.update("DELETE FROM pool WHERE name = :name", new MapSqlParameterSource("name", name));
	}

	private static MapSqlParameterSource params(IdPool pool) {
		return new MapSqlParameterSource().addValue("name", pool.name())
			.addValue("min", pool.min())
			.addValue("max", pool.max())
			.addValue("step", pool.step())
			.addValue("scope", pool.scope().modelName());
	}

}

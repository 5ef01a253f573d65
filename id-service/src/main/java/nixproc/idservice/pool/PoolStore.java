package nixproc.idservice.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
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
		return jdbc.query("SELECT * FROM pool WHERE name IN (:names) ORDER BY name FOR UPDATE",
				new MapSqlParameterSource("names", new ArrayList<>(names)), POOL);
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

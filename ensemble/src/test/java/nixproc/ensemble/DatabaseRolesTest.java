package nixproc.ensemble;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17 item 1: {@code nixproc up}'s PostgreSQL gives each service a role of its own (infra/postgres/roles.sql),
 * never the superuser, and no service's role reads another's schema. Before, all three connected as the cluster's
 * superuser {@code nixproc}, and the coordinator's signing key sat in a table each of them could read.
 */
class DatabaseRolesTest {

	@TempDir
	Path state;

	ChildProcess postgres;

	@AfterEach
	void stop() {
		if (postgres != null) {
			postgres.stop("TERM", Duration.ofSeconds(20));
		}
	}

	@Test // #17
	void eachServiceGetsARoleOfItsOwnThatCannotReadTheOthersSchemas() throws Exception {
		EmbeddedPostgres pg = new EmbeddedPostgres(state, freePort(), state.resolve("logs"),
				Path.of("..", "infra", "postgres", "roles.sql"));
		postgres = pg.start(Files.createDirectories(state.resolve("pids")));
		pg.awaitReady(postgres, System.nanoTime() + Duration.ofSeconds(120).toNanos());
		Map<String, EnsembleSpec.Database> databases = pg.databases();

		assertThat(databases.keySet()).containsExactlyInAnyOrder("id-service", "model-service", "coordinator");
		assertThat(databases.values()).extracting(EnsembleSpec.Database::user)
			.containsExactlyInAnyOrder("nixproc_ids", "nixproc_models", "nixproc_coordinator")
			.doesNotContain(EmbeddedPostgres.USER);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
				state.resolve("postgres/nixproc_coordinator.password")))).isEqualTo("rw-------");

		try (Connection coordinator = connect(databases.get("coordinator"))) {
			assertThat(query(coordinator, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
				.isEqualTo("false");
			execute(coordinator, "CREATE TABLE coordinator.secret (value text)");
			execute(coordinator, "INSERT INTO coordinator.secret VALUES ('the key')");
		}
		for (String other : new String[] { "id-service", "model-service" }) {
			try (Connection connection = connect(databases.get(other))) {
				assertThatThrownBy(() -> query(connection, "SELECT value FROM coordinator.secret"))
					.as(other).hasMessageContaining("permission denied for schema coordinator");
				assertThatThrownBy(() -> execute(connection, "CREATE TABLE coordinator.planted (x int)"))
					.as(other).hasMessageContaining("permission denied for schema coordinator");
			}
		}
		try (Connection models = connect(databases.get("model-service"))) {
			execute(models, "CREATE TABLE models.revision_copy (x int)");
			assertThatThrownBy(() -> query(models, "SELECT count(*) FROM ids.flyway_schema_history"))
				.hasMessageContaining("permission denied for schema ids");
		}
	}

	@Test // #17
	void tablesAnEarlierSingleRoleSetupMadeAreHandedToTheirServicesRole() throws Exception {
		EmbeddedPostgres pg = new EmbeddedPostgres(state, freePort(), state.resolve("logs"),
				Path.of("..", "infra", "postgres", "roles.sql"));
		postgres = pg.start(Files.createDirectories(state.resolve("pids")));
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		pg.awaitReady(postgres, deadline);
		String superuserPassword = Files.readString(state.resolve("postgres/password")).strip();
		try (Connection superuser = DriverManager.getConnection(pg.url(), EmbeddedPostgres.USER, superuserPassword)) {
			execute(superuser, "CREATE TABLE coordinator.deployment_of_before (id serial PRIMARY KEY, v text)");
			execute(superuser, "INSERT INTO coordinator.deployment_of_before (v) VALUES ('kept')");
		}

		pg.awaitReady(postgres, deadline);

		try (Connection coordinator = connect(pg.databases().get("coordinator"))) {
			assertThat(query(coordinator, "SELECT v FROM coordinator.deployment_of_before")).isEqualTo("kept");
			execute(coordinator, "INSERT INTO coordinator.deployment_of_before (v) VALUES ('new')");
			assertThat(query(coordinator, "SELECT tableowner FROM pg_tables WHERE tablename = 'deployment_of_before'"))
				.isEqualTo("nixproc_coordinator");
		}
	}

	static Connection connect(EnsembleSpec.Database database) throws SQLException {
		return DriverManager.getConnection(database.url(), database.user(), database.password());
	}

	static String query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

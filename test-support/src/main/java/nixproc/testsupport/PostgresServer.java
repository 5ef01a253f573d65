package nixproc.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL server reached through a role that may create databases.
 *
 * @param adminUrl JDBC URL of an existing database on the server, used to create the test databases
 * @param user a role with CREATEDB
 * @param password its password
 * @param description what this server is, for the log line
 */
record PostgresServer(String adminUrl, String user, String password, String description) {

	TestDatabase newDatabase() {
		String name = "nixproc_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create a test database on " + adminUrl + " as " + user + ": "
					+ ex.getMessage() + " (the role needs CREATEDB; infra/postgres.sh creates it so)", ex);
		}
		return new TestDatabase(withDatabase(adminUrl, name), user, password, name);
	}

	/** Replaces the database part of a {@code jdbc:postgresql://host:port/db?params} URL. */
	static String withDatabase(String url, String database) {
		int slash = url.indexOf('/', "jdbc:postgresql://".length());
		if (!url.startsWith("jdbc:postgresql://") || slash < 0) {
			throw new IllegalArgumentException("NIXPROC_TEST_DB_URL must look like jdbc:postgresql://host:port/db, got " + url);
		}
		int query = url.indexOf('?', slash);
		return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
	}

}

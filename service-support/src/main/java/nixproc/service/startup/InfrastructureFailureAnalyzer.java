package nixproc.service.startup;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns "cannot reach the database" into one sentence naming the JDBC URL and the variable that sets it, instead
 * of a page of Hikari and Flyway stack frames. Boot prints the analysis and the service exits non-zero.
 */
public final class InfrastructureFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	public InfrastructureFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		Throwable cause = databaseCause(failure);
		if (cause == null) {
			return null;
		}
		String url = environment.getProperty("spring.datasource.url", "(spring.datasource.url not set)");
		String user = environment.getProperty("spring.datasource.username", "");
		return new FailureAnalysis(
				"Cannot reach the database at " + url + " as user '" + user + "': " + rootMessage(cause),
				"Check that PostgreSQL is running and reachable (infra/postgres.sh start), or point the service at it with "
						+ "NIXPROC_DB_URL, NIXPROC_DB_USER and NIXPROC_DB_PASSWORD.",
				failure);
	}

	private static @Nullable Throwable databaseCause(Throwable failure) {
		boolean sql = false;
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException || t.getClass().getName().startsWith("org.flywaydb.")) {
				sql = true;
			}
			if (sql && (t instanceof ConnectException || t instanceof UnknownHostException
					|| (t instanceof SQLException ex && ex.getSQLState() != null && ex.getSQLState().startsWith("08"))
					|| (t instanceof SQLException ex2 && ex2.getSQLState() != null && ex2.getSQLState().startsWith("28")))) {
				return t;
			}
		}
		return null;
	}

	private static String rootMessage(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
	}

}

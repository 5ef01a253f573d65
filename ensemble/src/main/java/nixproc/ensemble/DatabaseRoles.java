package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One database role per service, each owning its schema and unable to read the others' ({@code
 * infra/postgres/roles.sql}, issue 17): the ensemble runs that script as the cluster's superuser with passwords it
 * keeps 0600 in {@code <stateDir>/postgres/<role>.password}, and gives each service its own role's credentials, never
 * the superuser's.
 */
final class DatabaseRoles {

	/** Service module → the schema its tables live in; its role is {@code nixproc_<schema>}. */
	static final Map<String, String> SCHEMAS = Map.of("id-service", "ids", "model-service", "models", "coordinator",
			"coordinator");

	private final Path script;

	private final Path passwords;

	/** @param script {@code infra/postgres/roles.sql}; @param passwords where the roles' passwords are kept */
	DatabaseRoles(Path script, Path passwords) {
		this.script = script;
		this.passwords = passwords;
	}

	static String role(String module) {
		return "nixproc_" + SCHEMAS.get(module);
	}

	String password(String module) {
		return Secrets.readOrCreate(passwords.resolve(role(module) + ".password"), 24);
	}

	/** Each service's credentials for the database at {@code url}. */
	Map<String, EnsembleSpec.Database> credentials(String url) {
		Map<String, EnsembleSpec.Database> credentials = new LinkedHashMap<>();
		for (String module : Installation.SERVICES) {
			credentials.put(module, new EnsembleSpec.Database(url, role(module), password(module)));
		}
		return credentials;
	}

	/** Runs the script on {@code admin}, a superuser's connection to the services' database. */
	void apply(Connection admin) throws SQLException {
		String sql;
		try {
			sql = Files.readString(script);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + script, e);
		}
		for (Map.Entry<String, String> service : SCHEMAS.entrySet()) {
			// psql's :'variable', a quoted literal
			sql = sql.replace(":'" + service.getValue() + "_password'",
					"'" + password(service.getKey()).replace("'", "''") + "'");
		}
		try (Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

}

package nixproc.testsupport;

/**
 * A database of its own for one test (class): created empty, never shared.
 *
 * @param jdbcUrl JDBC URL of the new database
 * @param user role that owns it
 * @param password that role's password
 * @param name the database name
 */
public record TestDatabase(String jdbcUrl, String user, String password, String name) {

	@Override
	public String toString() {
		return "TestDatabase[" + jdbcUrl + " as " + user + "]";
	}

}

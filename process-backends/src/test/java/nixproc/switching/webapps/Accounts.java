package nixproc.switching.webapps;

import nixproc.run.Command;
import nixproc.run.ProcessCommandRunner;

/** Users and groups as an operator sees them ({@code getent}), and the tests' last-resort clean-up. */
final class Accounts {

	private static final ProcessCommandRunner RUNNER = new ProcessCommandRunner();

	private Accounts() {
	}

	/** Whether a user or a group of that name exists. */
	static boolean exists(String name) {
		return RUNNER.run(Command.of("getent", "passwd", name)).succeeded() || RUNNER.run(Command.of("getent", "group", name)).succeeded();
	}

	/** Deletes the user and the group of that name if they exist; only ever called with a test's own names. */
	static void delete(String name) {
		if (RUNNER.run(Command.of("getent", "passwd", name)).succeeded()) {
			RUNNER.run(Command.of("userdel", name));
		}
		if (RUNNER.run(Command.of("getent", "group", name)).succeeded()) {
			RUNNER.run(Command.of("groupdel", name));
		}
	}

}

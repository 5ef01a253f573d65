package nixproc.switching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nixproc.model.Credentials;
import nixproc.profile.ProfileManifest;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
import nixproc.run.CommandResult;
import nixproc.run.CommandRunner;

/**
 * Creates and deletes the groups and users instances ask for (Dysnomia's attributes), with the shadow tools.
 * Only for privileged deployments; accounts that exist already are left as they are, and only accounts this
 * nixproc created are ever deleted.
 */
final class UserAccounts {

	private final CommandRunner runner;

	UserAccounts(CommandRunner runner) {
		this.runner = runner;
	}

	/** Groups first (users name them), then users. Returns the names it created. */
	Credentials createMissing(Credentials wanted) {
		List<String> groups = new ArrayList<>();
		for (Map.Entry<String, Map<String, String>> group : wanted.groups().entrySet()) {
			if (!exists("group", group.getKey())) {
				List<String> argv = new ArrayList<>(List.of("groupadd", "--system"));
				if (group.getValue().containsKey("gid")) {
					argv.addAll(List.of("--gid", group.getValue().get("gid")));
				}
				argv.add(group.getKey());
				CommandFailedException.check(runner, Command.of(argv));
				groups.add(group.getKey());
			}
		}
		List<String> users = new ArrayList<>();
		for (Map.Entry<String, Map<String, String>> user : wanted.users().entrySet()) {
			if (!exists("passwd", user.getKey())) {
				Map<String, String> a = user.getValue();
				List<String> argv = new ArrayList<>(List.of("useradd", "--system"));
				add(argv, "--uid", a.get("uid"));
				add(argv, "--gid", a.get("group"));
				add(argv, "--comment", a.get("description"));
				// Dysnomia's default: no home directory unless one is asked for
				argv.addAll(List.of("--home-dir", a.getOrDefault("homeDir", "/dev/null")));
				boolean createHome = "1".equals(a.get("createHomeDir")) || "true".equals(a.get("createHomeDir"));
				argv.add(createHome ? "--create-home" : "--no-create-home");
				argv.addAll(List.of("--shell", a.getOrDefault("shell", "/bin/sh")));
				argv.add(user.getKey());
				CommandFailedException.check(runner, Command.of(argv));
				String password = a.get("password");
				if (password != null && !password.isEmpty()) {
					// the hash on standard input, never in an argument vector every local user sees in ps (#17)
					CommandFailedException.check(runner, Command.of("chpasswd", "-e").withInput(user.getKey() + ":" + password + "\n"));
				}
				users.add(user.getKey());
			}
		}
		return new Credentials(toMap(groups), toMap(users));
	}

	/**
	 * The accounts a new generation owns, so that a later switch deletes them when they are no longer wanted: those
	 * {@code owned} before that it still wants, and those it wants that do not exist yet (the switch creates them).
	 * An account that existed before nixproc asked for it is never owned, so never deleted.
	 */
	ProfileManifest.AccountNames owned(ProfileManifest.AccountNames owned, Credentials wanted) {
		List<String> users = new ArrayList<>();
		wanted.users().keySet().forEach(user -> {
			if (owned.users().contains(user) || !exists("passwd", user)) {
				users.add(user);
			}
		});
		List<String> groups = new ArrayList<>();
		wanted.groups().keySet().forEach(group -> {
			if (owned.groups().contains(group) || !exists("group", group)) {
				groups.add(group);
			}
		});
		return new ProfileManifest.AccountNames(users, groups);
	}

	/**
	 * Users first (they hold groups), then groups; each only if it is in {@code ours} and no longer wanted. Returns
	 * what could not be deleted (an account still used by a process): the switch has happened by then, and a
	 * left-over account must not undo it.
	 */
	List<String> deleteUnwanted(Credentials ours, Credentials stillWanted) {
		List<String> failures = new ArrayList<>();
		for (String user : ours.users().keySet()) {
			if (!stillWanted.users().containsKey(user) && exists("passwd", user)) {
				delete(Command.of("userdel", user), failures);
			}
		}
		for (String group : ours.groups().keySet()) {
			if (!stillWanted.groups().containsKey(group) && exists("group", group)) {
				delete(Command.of("groupdel", group), failures);
			}
		}
		return failures;
	}

	private void delete(Command command, List<String> failures) {
		CommandResult result = runner.run(command);
		if (!result.succeeded()) {
			failures.add(String.join(" ", command.argv()) + " failed (exit " + result.exitCode() + "): " + result.output().strip());
		}
	}

	private boolean exists(String database, String name) {
		return runner.run(Command.of("getent", database, name)).succeeded();
	}

	private static void add(List<String> argv, String option, String value) {
		if (value != null && !value.isEmpty()) {
			argv.add(option);
			argv.add(value);
		}
	}

	/** Names as {@link Credentials} keys, without attributes. */
	static Map<String, Map<String, String>> toMap(List<String> names) {
		Map<String, Map<String, String>> map = new java.util.TreeMap<>();
		names.forEach(name -> map.put(name, Map.of()));
		return map;
	}


}

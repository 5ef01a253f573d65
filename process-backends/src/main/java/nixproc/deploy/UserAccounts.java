package nixproc.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import nixproc.model.Credentials;
import nixproc.run.Command;
import nixproc.run.CommandFailedException;
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
				add(argv, "--home-dir", a.get("homeDir"));
				argv.add("true".equals(a.get("createHomeDir")) ? "--create-home" : "--no-create-home");
				argv.addAll(List.of("--shell", a.getOrDefault("shell", "/bin/sh")));
				argv.add(user.getKey());
				CommandFailedException.check(runner, Command.of(argv));
				users.add(user.getKey());
			}
		}
		return new Credentials(toMap(groups), toMap(users));
	}

	/** Users first (they hold groups), then groups; each only if it is in {@code ours} and no longer wanted. */
	void deleteUnwanted(Credentials ours, Credentials stillWanted) {
		for (String user : ours.users().keySet()) {
			if (!stillWanted.users().containsKey(user) && exists("passwd", user)) {
				CommandFailedException.check(runner, Command.of("userdel", user));
			}
		}
		for (String group : ours.groups().keySet()) {
			if (!stillWanted.groups().containsKey(group) && exists("group", group)) {
				CommandFailedException.check(runner, Command.of("groupdel", group));
			}
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

	private static Map<String, Map<String, String>> toMap(List<String> names) {
		Map<String, Map<String, String>> map = new java.util.TreeMap<>();
		names.forEach(name -> map.put(name, Map.of()));
		return map;
	}


}

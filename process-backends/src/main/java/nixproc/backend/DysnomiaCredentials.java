package nixproc.backend;

import java.util.Map;

import nixproc.escape.Shell;
import nixproc.model.Credentials;
import nixproc.model.ModelException;
import nixproc.model.ModelValidator;
import nixproc.process.Layout;

/**
 * Groups and users in Dysnomia's {@code dysnomia-support} layout (reference §5.1): one file per group or user
 * holding {@code key=<shell-quoted value>} lines, read by {@code dysnomia-addgroups}/{@code dysnomia-addusers}.
 * Under {@code forceDisableUserChange} no group is written and a user only when it asks for its home directory,
 * reduced to {@code homeDir}, {@code createHomeDir=1}, {@code createHomeDirOnly=1}. Shared by every backend that
 * manages users on the host.
 */
public final class DysnomiaCredentials {

	private DysnomiaCredentials() {
	}

	public static GeneratedFiles files(Credentials credentials, Layout layout) {
		GeneratedFiles.Builder files = GeneratedFiles.builder();
		if (!layout.forceDisableUserChange()) {
			credentials.groups().forEach((group, attributes) -> files.text("dysnomia-support/groups/" + name("groups", group),
					lines(attributes), false));
			credentials.users().forEach((user, attributes) -> files.text("dysnomia-support/users/" + name("users", user),
					lines(attributes), false));
		}
		else {
			credentials.users().forEach((user, attributes) -> {
				String create = attributes.getOrDefault("createHomeDir", "false");
				if ((create.equals("true") || create.equals("1")) && attributes.containsKey("homeDir")) {
					files.text("dysnomia-support/users/" + name("users", user), "homeDir=" + Shell.quote(attributes.get("homeDir"))
							+ "\ncreateHomeDir=1\ncreateHomeDirOnly=1\n", false);
				}
			});
		}
		return files.build();
	}

	private static String name(String kind, String name) {
		if (!ModelValidator.NAME.matcher(name).matches()) {
			throw new ModelException("/credentials/" + kind + "/" + name, "must match " + ModelValidator.NAME.pattern());
		}
		return name;
	}

	private static String lines(Map<String, String> attributes) {
		StringBuilder out = new StringBuilder();
		attributes.forEach((key, value) -> {
			String text = key.equals("createHomeDir") && value.equals("true") ? "1" : value;
			out.append(key).append('=').append(Shell.quote(text)).append('\n');
		});
		return out.toString();
	}

}

package nixproc.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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

	private static final String SUPPORT = "dysnomia-support/";

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

	/** The groups and users of a built profile's {@code dysnomia-support} files. */
	public static Credentials read(GeneratedFiles files) {
		Map<String, String> texts = new TreeMap<>();
		files.files().forEach((path, file) -> {
			if (path.startsWith(SUPPORT) && file instanceof GeneratedFile.Regular regular) {
				texts.put(path.substring(SUPPORT.length()), new String(regular.content(), StandardCharsets.UTF_8));
			}
		});
		return read(texts);
	}

	/** The same from a profile on disk (a generation's directory), for switching back to it. */
	public static Credentials read(Path profile) {
		Map<String, String> texts = new TreeMap<>();
		for (String kind : new String[] { "groups", "users" }) {
			Path dir = profile.resolve(SUPPORT + kind);
			if (Files.isDirectory(dir)) {
				try (Stream<Path> entries = Files.list(dir)) {
					for (Path entry : entries.toList()) {
						texts.put(kind + "/" + entry.getFileName(), Files.readString(entry));
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return read(texts);
	}

	/** {@code kind/name} → file text. */
	private static Credentials read(Map<String, String> texts) {
		Map<String, Map<String, String>> groups = new TreeMap<>();
		Map<String, Map<String, String>> users = new TreeMap<>();
		texts.forEach((path, text) -> {
			int slash = path.indexOf('/');
			Map<String, Map<String, String>> kind = switch (path.substring(0, slash)) {
				case "groups" -> groups;
				case "users" -> users;
				default -> null;
			};
			if (kind != null && path.indexOf('/', slash + 1) < 0) {
				kind.put(path.substring(slash + 1), attributes(path, text));
			}
		});
		return new Credentials(groups, users);
	}

	/** {@code key=<shell word>} lines as {@link #lines} writes them; a quoted value may span lines. */
	static Map<String, String> attributes(String path, String text) {
		Map<String, String> attributes = new TreeMap<>();
		int i = 0;
		while (i < text.length()) {
			int lineEnd = text.indexOf('\n', i);
			int eq = text.indexOf('=', i);
			if (eq < 0 || (lineEnd >= 0 && lineEnd < eq)) {
				if (!text.substring(i, lineEnd < 0 ? text.length() : lineEnd).isBlank()) {
					throw new IllegalStateException(SUPPORT + path + ": not a key=value line at offset " + i);
				}
				i = lineEnd < 0 ? text.length() : lineEnd + 1;
				continue;
			}
			String key = text.substring(i, eq).strip();
			StringBuilder value = new StringBuilder();
			i = eq + 1;
			while (i < text.length() && text.charAt(i) != '\n') {
				char c = text.charAt(i);
				if (c == '\'') {
					int end = text.indexOf('\'', i + 1);
					if (end < 0) {
						throw new IllegalStateException(SUPPORT + path + ": unterminated quote at offset " + i);
					}
					value.append(text, i + 1, end);
					i = end + 1;
				}
				else if (c == '\\' && i + 1 < text.length()) {
					value.append(text.charAt(i + 1));
					i += 2;
				}
				else {
					value.append(c);
					i++;
				}
			}
			attributes.put(key, value.toString());
			i++;
		}
		return attributes;
	}

}

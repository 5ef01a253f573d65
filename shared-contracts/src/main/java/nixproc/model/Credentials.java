package nixproc.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Groups and users to create for an instance, in Dysnomia's vocabulary: group attributes ({@code gid}) and
 * user attributes ({@code uid group description homeDir createHomeDir shell password}). Values are kept as
 * text because Dysnomia's {@code dysnomia-support} files are {@code key=value} lines.
 */
public record Credentials(Map<String, Map<String, String>> groups, Map<String, Map<String, String>> users) {

	public static final Credentials NONE = new Credentials(Map.of(), Map.of());

	public Credentials {
		groups = sorted(groups);
		users = sorted(users);
	}

	public boolean isEmpty() {
		return groups.isEmpty() && users.isEmpty();
	}

	private static Map<String, Map<String, String>> sorted(Map<String, Map<String, String>> in) {
		if (in == null) {
			return Map.of();
		}
		Map<String, Map<String, String>> out = new TreeMap<>();
		in.forEach((k, v) -> out.put(k, v == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
		return java.util.Collections.unmodifiableMap(out);
	}

}

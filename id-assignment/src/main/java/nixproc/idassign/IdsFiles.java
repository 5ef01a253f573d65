package nixproc.idassign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@link IdAssignments} as the seed's {@code ids.nix} and as JSON of the same shape:
 * <pre>
 * { "ids" = { "uids" = { "nginx" = 2000; }; }; "lastAssignments" = { "uids" = 2000; }; }
 * </pre>
 * Output is key-sorted; {@code lastAssignments}, {@code lastAssignmentsPerTarget} and {@code targets} are left
 * out when empty, so a single-machine run prints exactly what {@code nixproc-id-assign} printed.
 */
public final class IdsFiles {

	/** The two formats. */
	public enum Format {

		NIX, JSON;

		/** {@code nix} or {@code json}. */
		public static Format fromName(String name) {
			try {
				return valueOf(name.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("format: must be nix or json, not '" + name + "'", ex);
			}
		}

	}

	private IdsFiles() {
	}

	public static String write(IdAssignments assignments, Format format) {
		return format == Format.NIX ? NixText.write(tree(assignments)) : JsonText.write(tree(assignments));
	}

	/**
	 * The seed's {@code ids.nix} byte for byte, as {@code dydisnix-id-assign} prints it: a table in {@code ids} for
	 * every pool of the ID resources, empty ones too, and no newline after the last brace.
	 */
	public static String writeSeedNix(IdAssignments assignments, Collection<String> pools) {
		Map<String, Object> tree = tree(assignments);
		Map<String, Object> ids = new TreeMap<>(assignments.ids());
		pools.forEach(pool -> ids.putIfAbsent(pool, Map.of()));
		tree.put("ids", ids);
		String text = NixText.write(tree);
		return text.substring(0, text.length() - 1);
	}

	/** @throws IdsFormatException naming the line and column, or the path of the misplaced value */
	public static IdAssignments read(String text, Format format) {
		Object tree = format == Format.NIX ? NixText.parse(text) : JsonText.parse(text);
		return fromTree(tree);
	}

	private static Map<String, Object> tree(IdAssignments assignments) {
		Map<String, Object> tree = new TreeMap<>();
		tree.put("ids", assignments.ids());
		if (!assignments.lastAssignments().isEmpty()) {
			tree.put("lastAssignments", assignments.lastAssignments());
		}
		if (!assignments.lastAssignmentsPerTarget().isEmpty()) {
			tree.put("lastAssignmentsPerTarget", assignments.lastAssignmentsPerTarget());
		}
		if (!assignments.targets().isEmpty()) {
			tree.put("targets", assignments.targets());
		}
		return tree;
	}

	private static IdAssignments fromTree(Object tree) {
		Map<String, Object> root = object(tree, "");
		for (String key : root.keySet()) {
			if (!List.of("ids", "lastAssignments", "lastAssignmentsPerTarget", "targets").contains(key)) {
				throw new IdsFormatException("/" + key + ": unknown attribute; an ids file has ids, lastAssignments, "
						+ "lastAssignmentsPerTarget and targets");
			}
		}
		return new IdAssignments(nestedIds(root.get("ids"), "/ids"), ids(root.get("lastAssignments"), "/lastAssignments"),
				nestedIds(root.get("lastAssignmentsPerTarget"), "/lastAssignmentsPerTarget"),
				targets(root.get("targets"), "/targets"));
	}

	private static Map<String, Map<String, Long>> nestedIds(@Nullable Object value, String path) {
		Map<String, Map<String, Long>> result = new TreeMap<>();
		object(value, path).forEach((key, inner) -> result.put(key, ids(inner, path + "/" + key)));
		return result;
	}

	private static Map<String, Long> ids(@Nullable Object value, String path) {
		Map<String, Long> result = new TreeMap<>();
		object(value, path).forEach((key, id) -> {
			if (!(id instanceof Long number) || number < 0) {
				throw new IdsFormatException(path + "/" + key + ": must be a non-negative integer, not " + describe(id));
			}
			result.put(key, number);
		});
		return result;
	}

	private static Map<String, List<String>> targets(@Nullable Object value, String path) {
		Map<String, List<String>> result = new TreeMap<>();
		object(value, path).forEach((service, list) -> {
			if (!(list instanceof List<?> items) || !items.stream().allMatch(String.class::isInstance)) {
				throw new IdsFormatException(path + "/" + service + ": must be a list of target names");
			}
			List<String> names = new ArrayList<>();
			items.forEach(item -> names.add((String) item));
			result.put(service, names);
		});
		return result;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(@Nullable Object value, String path) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?>)) {
			throw new IdsFormatException((path.isEmpty() ? "/" : path) + ": must be an attribute set, not "
					+ describe(value));
		}
		return (Map<String, Object>) value;
	}

	private static String describe(@Nullable Object value) {
		if (value instanceof Map<?, ?>) {
			return "an attribute set";
		}
		if (value instanceof List<?>) {
			return "a list";
		}
		if (value instanceof String s) {
			return "the string \"" + s + "\"";
		}
		return String.valueOf(value);
	}

}

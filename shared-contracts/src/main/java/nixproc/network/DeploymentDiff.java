package nixproc.network;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * What changed between two canonical model sets (api.md): services and targets added, removed and changed with
 * the fields that differ ({@code pkg.environment} for a managed-process field, {@code properties.hostname} for a
 * machine property), and the (service, target, container) mappings added and removed. It compares canonical JSON,
 * so it works on stored revisions without re-reading their sources.
 */
public record DeploymentDiff(Changes services, Changes targets, MappingChanges mappings) {

	public record Changes(List<String> added, List<String> removed, List<Changed> changed) {
	}

	public record Changed(String name, List<String> fields) {
	}

	public record MappingChanges(List<MappingRef> added, List<MappingRef> removed) {
	}

	/** A mapping; {@code container} is the canonical one (empty when it is the service's type). */
	public record MappingRef(String service, String target, String container) implements Comparable<MappingRef> {

		@Override
		public int compareTo(MappingRef other) {
			return (service + "\u0000" + target + "\u0000" + container)
				.compareTo(other.service + "\u0000" + other.target + "\u0000" + other.container);
		}

	}

	/** {@code from} and {@code to} are canonical model sets as {@link CanonicalForm#toJson} makes them. */
	public static DeploymentDiff between(JsonNode from, JsonNode to) {
		return new DeploymentDiff(changes(from.get("services"), to.get("services"), Set.of("pkg")),
				changes(from.get("infrastructure"), to.get("infrastructure"), Set.of("properties", "containers")),
				mappings(from.get("distribution"), to.get("distribution")));
	}

	private static Changes changes(JsonNode from, JsonNode to, Set<String> nested) {
		List<String> added = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		List<Changed> changed = new ArrayList<>();
		for (String name : new TreeSet<>(to.propertyNames())) {
			if (!from.has(name)) {
				added.add(name);
			}
			else if (!from.get(name).equals(to.get(name))) {
				changed.add(new Changed(name, fields(from.get(name), to.get(name), nested)));
			}
		}
		for (String name : new TreeSet<>(from.propertyNames())) {
			if (!to.has(name)) {
				removed.add(name);
			}
		}
		return new Changes(added, removed, changed);
	}

	private static List<String> fields(JsonNode from, JsonNode to, Set<String> nested) {
		Set<String> names = new TreeSet<>(from.propertyNames());
		names.addAll(to.propertyNames());
		List<String> out = new ArrayList<>();
		for (String field : names) {
			JsonNode a = from.get(field);
			JsonNode b = to.get(field);
			if (a != null && a.equals(b)) {
				continue;
			}
			if (nested.contains(field) && a != null && b != null && a.isObject() && b.isObject()) {
				Set<String> inner = new TreeSet<>(a.propertyNames());
				inner.addAll(b.propertyNames());
				for (String name : inner) {
					JsonNode x = a.get(name);
					if (x == null || !x.equals(b.get(name))) {
						out.add(field + "." + name);
					}
				}
			}
			else {
				out.add(field);
			}
		}
		return out;
	}

	private static MappingChanges mappings(JsonNode from, JsonNode to) {
		Set<MappingRef> a = refs(from);
		Set<MappingRef> b = refs(to);
		List<MappingRef> added = b.stream().filter(m -> !a.contains(m)).sorted().toList();
		List<MappingRef> removed = a.stream().filter(m -> !b.contains(m)).sorted().toList();
		return new MappingChanges(added, removed);
	}

	private static Set<MappingRef> refs(JsonNode distribution) {
		Set<MappingRef> out = new LinkedHashSet<>();
		for (Map.Entry<String, JsonNode> entry : distribution.properties()) {
			for (JsonNode mapping : entry.getValue()) {
				JsonNode container = mapping.get("container");
				out.add(new MappingRef(entry.getKey(), mapping.get("target").stringValue(),
						container == null ? "" : container.stringValue()));
			}
		}
		return out;
	}

}

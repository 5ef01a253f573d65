package nixproc.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * One entry of a processes model (architecture §4): free properties ({@code port}, {@code dnsName}, …), the ID
 * pools it needs ({@code requiresUniqueIdsFor}) and {@code pkg}, its managed process.
 */
public record Instance(Map<String, JsonNode> properties, List<String> requiresUniqueIdsFor, ManagedProcess pkg) {

	public Instance {
		properties = properties == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(properties));
		requiresUniqueIdsFor = requiresUniqueIdsFor == null ? List.of() : List.copyOf(requiresUniqueIdsFor);
		pkg = pkg == null ? ManagedProcess.empty() : pkg;
	}

	public static Instance of(ManagedProcess pkg) {
		return new Instance(Map.of(), List.of(), pkg);
	}

}

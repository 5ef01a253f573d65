package nixproc.coordinator.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Every mapping of one generation, keyed by {@link ManifestEntry#key()}. The empty manifest is generation 0. */
public record Manifest(Map<String, ManifestEntry> entries) {

	public static final Manifest EMPTY = new Manifest(Map.of());

	public Manifest {
		entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
	}

	public static Manifest of(List<ManifestEntry> entries) {
		Map<String, ManifestEntry> byKey = new LinkedHashMap<>();
		entries.forEach(e -> byKey.put(e.key(), e));
		return new Manifest(byKey);
	}

	public Set<String> targets() {
		Set<String> targets = new TreeSet<>();
		entries.values().forEach(e -> targets.add(e.target()));
		return targets;
	}

}

package nixproc.coordinator.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every mapping of one generation, keyed by {@link ManifestEntry#key()}. The empty manifest is generation 0.
 *
 * @param numOfCores target → its infrastructure model's {@code numOfCores}, as Disnix's manifest keeps the
 *        infrastructure: a rollback to this generation bounds each target as it was bounded then; absent in
 *        manifests committed before it was recorded (then {@link #DEFAULT_CORES})
 */
public record Manifest(Map<String, ManifestEntry> entries, Map<String, Integer> numOfCores) {

	/** Disnix's default {@code numOfCores} (reference disnix.md §1.2), for a target the manifest has none for. */
	public static final int DEFAULT_CORES = 1;

	public static final Manifest EMPTY = new Manifest(Map.of());

	public Manifest {
		entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
		numOfCores = numOfCores == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(numOfCores));
	}

	public Manifest(Map<String, ManifestEntry> entries) {
		this(entries, Map.of());
	}

	public static Manifest of(List<ManifestEntry> entries) {
		return of(entries, Map.of());
	}

	public static Manifest of(List<ManifestEntry> entries, Map<String, Integer> numOfCores) {
		Map<String, ManifestEntry> byKey = new LinkedHashMap<>();
		entries.forEach(e -> byKey.put(e.key(), e));
		return new Manifest(byKey, numOfCores);
	}

	public Set<String> targets() {
		Set<String> targets = new TreeSet<>();
		entries.values().forEach(e -> targets.add(e.target()));
		return targets;
	}

}

package nixproc.idassign;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The contents of the seed's {@code ids.nix}: what each service holds and where each pool's cursor stands. All maps
 * are sorted by key, so printing is deterministic as in dydisnix.
 *
 * @param ids pool → (service → ID)
 * @param lastAssignments global pool → the last ID handed out (the cursor)
 * @param lastAssignmentsPerTarget target → (machine-scoped pool → the last ID handed out there)
 * @param targets service → the targets it was mapped to when it got its machine-scoped IDs; an addition to the
 *        seed's format, so that a later run that does not name the service still knows where its IDs are taken
 */
public record IdAssignments(Map<String, Map<String, Long>> ids, Map<String, Long> lastAssignments,
		Map<String, Map<String, Long>> lastAssignmentsPerTarget, Map<String, List<String>> targets) {

	/** Nothing assigned yet. */
	public static final IdAssignments EMPTY = new IdAssignments(Map.of(), Map.of(), Map.of(), Map.of());

	public IdAssignments {
		ids = sortedNested(ids);
		lastAssignments = Collections.unmodifiableSortedMap(new TreeMap<>(lastAssignments));
		lastAssignmentsPerTarget = sortedNested(lastAssignmentsPerTarget);
		SortedMap<String, List<String>> sortedTargets = new TreeMap<>();
		targets.forEach((service, list) -> {
			if (!list.isEmpty()) {
				sortedTargets.put(service, List.copyOf(new TreeSet<>(list)));
			}
		});
		targets = Collections.unmodifiableSortedMap(sortedTargets);
	}

	/** The seed's shape, without targets. */
	public static IdAssignments of(Map<String, Map<String, Long>> ids, Map<String, Long> lastAssignments) {
		return new IdAssignments(ids, lastAssignments, Map.of(), Map.of());
	}

	/** The ID {@code service} holds in {@code pool}, if any. */
	public Optional<Long> id(String pool, String service) {
		return Optional.ofNullable(ids.getOrDefault(pool, Map.of()).get(service));
	}

	private static Map<String, Map<String, Long>> sortedNested(Map<String, Map<String, Long>> source) {
		SortedMap<String, Map<String, Long>> sorted = new TreeMap<>();
		source.forEach((key, inner) -> {
			// an empty table says nothing; dydisnix drops them too
			if (!inner.isEmpty()) {
				sorted.put(key, Collections.unmodifiableSortedMap(new TreeMap<>(inner)));
			}
		});
		return Collections.unmodifiableSortedMap(sorted);
	}

}

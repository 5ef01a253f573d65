package nixproc.idassign;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dydisnix assignment, one pool after another (in name order, for deterministic output):
 * <ol>
 * <li>keep each previous ID that is still valid: its pool exists, the service is still there and still requires
 * the pool, the ID is in range and on a step, and it collides with no ID kept before it (services in sorted
 * order);</li>
 * <li>give each requesting service without an ID the next free one after the cursor, in sorted service order,
 * wrapping to {@code min} past {@code max}; freed IDs are therefore reused only after a wrap-around, so a new
 * service does not inherit the files of an old one with the same UID;</li>
 * <li>if a pool is full, fail the whole run: nothing of it is returned.</li>
 * </ol>
 */
public final class IdAssigner {

	private IdAssigner() {
	}

	/**
	 * The command line's case: the requests are the whole model; services that are not in it lose their IDs.
	 *
	 * @throws PoolDepletedException if a pool has no ID left for a service
	 * @throws IllegalArgumentException if a request names an undefined pool, or a machine-scoped pool without
	 *         targets
	 */
	public static IdAssignments assign(Collection<IdPool> pools, Collection<IdRequest> requests,
			IdAssignments previous) {
		return assign(pools, requests, previous, OtherHolders.NONE, true);
	}

	/**
	 * The general case.
	 *
	 * @param previous the assignments before this run: with {@code prune}, all of them; without, at least those of
	 *        the requested services (the rest may be answered by {@code others})
	 * @param others IDs held by services that are neither requested nor in {@code previous}
	 * @param prune whether services that are not requested lose their IDs; without it they keep them untouched
	 *        (as long as their pool still contains them) and appear in the result
	 */
	public static IdAssignments assign(Collection<IdPool> pools, Collection<IdRequest> requests,
			IdAssignments previous, OtherHolders others, boolean prune) {
		SortedMap<String, IdPool> poolsByName = index(pools);
		SortedMap<String, IdRequest> requestsByService = new TreeMap<>();
		for (IdRequest request : requests) {
			if (requestsByService.put(request.service(), request) != null) {
				throw new IllegalArgumentException("services: '" + request.service() + "' is requested twice");
			}
			for (String poolName : request.pools()) {
				IdPool pool = poolsByName.get(poolName);
				if (pool == null) {
					throw new IllegalArgumentException("service '" + request.service() + "' requires pool '" + poolName
							+ "', which is not defined");
				}
				if (pool.scope() == Scope.MACHINE && request.targets().isEmpty()) {
					throw new IllegalArgumentException("service '" + request.service() + "' requires machine-scoped pool '"
							+ poolName + "' but is mapped to no target");
				}
			}
		}
		Map<String, Set<String>> targetsOf = new HashMap<>();
		if (!prune) {
			previous.targets().forEach((service, targets) -> targetsOf.put(service, new TreeSet<>(targets)));
		}
		requestsByService.forEach((service, request) -> targetsOf.put(service, request.targets()));

		Map<String, Map<String, Long>> ids = new TreeMap<>();
		Map<String, Long> lastAssignments = new TreeMap<>();
		Map<String, Map<String, Long>> perTarget = new TreeMap<>();
		for (IdPool pool : poolsByName.values()) {
			PoolRun run = new PoolRun(pool, others, cursors(pool, previous));
			Map<String, Long> held = previous.ids().getOrDefault(pool.name(), Map.of());
			// services that stayed where they were keep their IDs first: on a collision the newcomer moves
			for (boolean stayed : new boolean[] { true, false }) {
				held.forEach((service, id) -> {
					IdRequest request = requestsByService.get(service);
					boolean wanted = request != null ? request.pools().contains(pool.name()) : !prune;
					Set<String> targets = targetsOf.getOrDefault(service, Set.of());
					if (wanted && stayed(service, targets, previous) == stayed && pool.contains(id)
							&& run.isFree(id, targets)) {
						run.keep(service, id, targets);
					}
				});
			}
			for (IdRequest request : requestsByService.values()) {
				if (request.pools().contains(pool.name()) && !run.holds(request.service())) {
					run.assign(request.service(), request.targets());
				}
			}
			ids.put(pool.name(), run.held());
			run.cursors().forEach((scope, cursor) -> {
				if (scope.isEmpty()) {
					lastAssignments.put(pool.name(), cursor);
				}
				else {
					perTarget.computeIfAbsent(scope, t -> new TreeMap<>()).put(pool.name(), cursor);
				}
			});
		}
		return new IdAssignments(ids, lastAssignments, hostingOnly(perTarget, ids, targetsOf),
				targetsOfHolders(ids, targetsOf));
	}

	private static boolean stayed(String service, Set<String> targets, IdAssignments previous) {
		List<String> before = previous.targets().get(service);
		return before == null ? targets.isEmpty() : before.containsAll(targets);
	}

	private static SortedMap<String, IdPool> index(Collection<IdPool> pools) {
		SortedMap<String, IdPool> byName = new TreeMap<>();
		for (IdPool pool : pools) {
			if (byName.put(pool.name(), pool) != null) {
				throw new IllegalArgumentException("pools: '" + pool.name() + "' is defined twice");
			}
		}
		return byName;
	}

	private static Map<String, Long> cursors(IdPool pool, IdAssignments previous) {
		Map<String, Long> cursors = new HashMap<>();
		if (pool.scope() == Scope.GLOBAL) {
			Long last = previous.lastAssignments().get(pool.name());
			if (last != null) {
				cursors.put("", last);
			}
		}
		else {
			previous.lastAssignmentsPerTarget().forEach((target, lasts) -> {
				Long last = lasts.get(pool.name());
				if (last != null) {
					cursors.put(target, last);
				}
			});
		}
		return cursors;
	}

	/** Cursors of targets that no longer host a holder are dropped, as dydisnix drops them. */
	private static Map<String, Map<String, Long>> hostingOnly(Map<String, Map<String, Long>> perTarget,
			Map<String, Map<String, Long>> ids, Map<String, Set<String>> targetsOf) {
		Set<String> hosting = new TreeSet<>();
		ids.values().forEach(held -> held.keySet()
			.forEach(service -> hosting.addAll(targetsOf.getOrDefault(service, Set.of()))));
		Map<String, Map<String, Long>> kept = new TreeMap<>(perTarget);
		kept.keySet().retainAll(hosting);
		return kept;
	}

	private static Map<String, List<String>> targetsOfHolders(Map<String, Map<String, Long>> ids,
			Map<String, Set<String>> targetsOf) {
		Map<String, List<String>> targets = new TreeMap<>();
		ids.values().forEach(held -> held.keySet().forEach(service -> {
			SortedSet<String> of = new TreeSet<>(targetsOf.getOrDefault(service, Set.of()));
			targets.put(service, List.copyOf(of));
		}));
		return targets;
	}

}

package nixproc.idassign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One pool during one run: the IDs taken so far in each scope (one scope for a global pool, one per target for a
 * machine-scoped pool), the cursors, and the search for the next free ID.
 */
final class PoolRun {

	/** Slots read from {@link OtherHolders} at once; a round trip per window, not per candidate. */
	private static final int WINDOW = 512;

	private static final String GLOBAL = "";

	private final IdPool pool;

	private final OtherHolders others;

	/** scope key ("" for global, else the target) → IDs taken in this run */
	private final Map<String, NavigableSet<Long>> taken = new HashMap<>();

	/** scope key → cursor (the last ID handed out there) */
	private final Map<String, Long> cursors;

	private final Map<String, Long> held = new TreeMap<>();

	PoolRun(IdPool pool, OtherHolders others, Map<String, Long> cursors) {
		this.pool = pool;
		this.others = others;
		this.cursors = new TreeMap<>(cursors);
	}

	boolean holds(String service) {
		return held.containsKey(service);
	}

	/** Whether {@code id} is free in every scope the service's targets span. */
	boolean isFree(long id, Set<String> targets) {
		for (String scope : scopes(targets)) {
			if (takenHere(scope).contains(id)
					|| !others.heldBetween(pool, target(scope), id, id).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	void keep(String service, long id, Set<String> targets) {
		take(service, id, targets);
	}

	/** Hands the service the next free ID after the cursor, wrapping to {@code min}; moves the cursor. */
	long assign(String service, Set<String> targets) {
		List<String> scopes = scopes(targets);
		long id = nextFree(start(scopes), scopes, service);
		take(service, id, targets);
		for (String scope : scopes) {
			cursors.put(scope, id);
		}
		return id;
	}

	Map<String, Long> held() {
		return held;
	}

	/** scope key → cursor; the key is "" for a global pool. */
	Map<String, Long> cursors() {
		return cursors;
	}

	private void take(String service, long id, Set<String> targets) {
		for (String scope : scopes(targets)) {
			takenHere(scope).add(id);
		}
		held.put(service, id);
	}

	/**
	 * The first slot after the cursor. With several targets the furthest cursor wins, so no target sees an ID
	 * reused before its own wrap-around. A cursor left outside the pool by a resize starts over at {@code min}
	 * (dydisnix could hand out an ID below {@code min} then).
	 */
	private long start(List<String> scopes) {
		@Nullable Long cursor = null;
		for (String scope : scopes) {
			Long c = cursors.get(scope);
			if (c != null && (cursor == null || c > cursor)) {
				cursor = c;
			}
		}
		if (cursor == null || cursor < pool.min()) {
			return pool.min();
		}
		long next = pool.min() + ((cursor - pool.min()) / pool.step() + 1) * pool.step();
		return next > pool.max() ? pool.min() : next;
	}

	private long nextFree(long start, List<String> scopes, String service) {
		long size = pool.size();
		long visited = 0;
		long from = start;
		while (visited < size) {
			long slotsToMax = (pool.max() - from) / pool.step() + 1;
			long count = Math.min(Math.min(WINDOW, slotsToMax), size - visited);
			long to = from + (count - 1) * pool.step();
			Set<Long> busy = new HashSet<>();
			for (String scope : scopes) {
				busy.addAll(takenHere(scope).subSet(from, true, to, true));
				busy.addAll(others.heldBetween(pool, target(scope), from, to));
			}
			for (long id = from; id <= to; id += pool.step()) {
				if (!busy.contains(id)) {
					return id;
				}
			}
			visited += count;
			from = to + pool.step() > pool.max() ? pool.min() : to + pool.step();
		}
		throw new PoolDepletedException(pool, service);
	}

	private NavigableSet<Long> takenHere(String scope) {
		return taken.computeIfAbsent(scope, s -> new TreeSet<>());
	}

	private List<String> scopes(Set<String> targets) {
		if (pool.scope() == Scope.GLOBAL) {
			return List.of(GLOBAL);
		}
		return new ArrayList<>(new TreeSet<>(targets));
	}

	private static Optional<String> target(String scope) {
		return scope.equals(GLOBAL) ? Optional.empty() : Optional.of(scope);
	}

}

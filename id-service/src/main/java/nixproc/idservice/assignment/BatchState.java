package nixproc.idservice.assignment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.OtherHolders;

/**
 * The holdings of a batch's services, cursors and targets while its requests run one after another in memory: each
 * request sees what the database would say had the ones before it committed alone, and the batch writes only the
 * net change at its end. IDs held by services outside the batch come from the database, which the batch does not
 * change until it writes (the pools are locked).
 */
final class BatchState {

	private final Holdings initial;

	private final OtherHolders outside;

	/** pool → service → ID. */
	private final Map<String, Map<String, Long>> ids = new TreeMap<>();

	/** pool → service → the targets of its rows ({@code ""} for a global pool). */
	private final Map<String, Map<String, Set<String>>> rows = new TreeMap<>();

	private final Map<String, Long> last;

	/** target → pool → cursor. */
	private final Map<String, Map<String, Long>> perTarget = new TreeMap<>();

	private final Map<String, List<String>> targets;

	/**
	 * @param initial what the database holds for every service of the batch in every locked pool (cursors, targets)
	 * @param outside the IDs held by services that are not in the batch
	 */
	BatchState(Holdings initial, OtherHolders outside) {
		this.initial = initial;
		this.outside = outside;
		initial.assignments().ids().forEach((pool, held) -> ids.put(pool, new TreeMap<>(held)));
		initial.rowTargets().forEach((pool, held) -> {
			Map<String, Set<String>> copy = new TreeMap<>();
			held.forEach((service, scopes) -> copy.put(service, Set.copyOf(scopes)));
			rows.put(pool, copy);
		});
		last = new TreeMap<>(initial.assignments().lastAssignments());
		initial.assignments().lastAssignmentsPerTarget().forEach((target, lasts) -> perTarget.put(target, new TreeMap<>(lasts)));
		targets = new TreeMap<>(initial.assignments().targets());
	}

	/** What {@link HoldingStore#loadRun} would read now for these services in these pools. */
	Holdings holdingsOf(List<IdPool> pools, Set<String> services) {
		Map<String, Map<String, Long>> heldIds = new TreeMap<>();
		Map<String, Map<String, Set<String>>> heldRows = new TreeMap<>();
		Map<String, Long> lasts = new TreeMap<>();
		Set<String> names = new HashSet<>();
		for (IdPool pool : pools) {
			names.add(pool.name());
			ids.getOrDefault(pool.name(), Map.of()).forEach((service, id) -> {
				if (services.contains(service)) {
					heldIds.computeIfAbsent(pool.name(), p -> new TreeMap<>()).put(service, id);
					heldRows.computeIfAbsent(pool.name(), p -> new TreeMap<>()).put(service, rows.get(pool.name()).get(service));
				}
			});
			if (last.containsKey(pool.name())) {
				lasts.put(pool.name(), last.get(pool.name()));
			}
		}
		Map<String, Map<String, Long>> cursors = new TreeMap<>();
		perTarget.forEach((target, byPool) -> byPool.forEach((pool, cursor) -> {
			if (names.contains(pool)) {
				cursors.computeIfAbsent(target, t -> new TreeMap<>()).put(pool, cursor);
			}
		}));
		Map<String, List<String>> theirs = new TreeMap<>();
		services.forEach(service -> {
			if (targets.containsKey(service)) {
				theirs.put(service, targets.get(service));
			}
		});
		return new Holdings(new IdAssignments(heldIds, lasts, cursors, theirs), heldRows);
	}

	/** IDs held by anyone but {@code own}: outside the batch as the database says, inside it as they are now. */
	OtherHolders othersThan(Set<String> own) {
		return (pool, target, from, to) -> {
			Collection<Long> held = outside.heldBetween(pool, target, from, to);
			String scope = target.orElse(Holdings.GLOBAL);
			Set<Long> more = null;
			Map<String, Set<String>> poolRows = rows.getOrDefault(pool.name(), Map.of());
			for (Map.Entry<String, Long> holder : ids.getOrDefault(pool.name(), Map.of()).entrySet()) {
				long id = holder.getValue();
				if (id >= from && id <= to && !own.contains(holder.getKey())
						&& poolRows.getOrDefault(holder.getKey(), Set.of()).contains(scope)) {
					if (more == null) {
						more = new TreeSet<>(held);
					}
					more.add(id);
				}
			}
			return more == null ? held : more;
		};
	}

	/**
	 * Takes in the result of a request's run: the holdings of its services in its pools, the cursors it moved and the
	 * targets it records. Cursors a prune request leaves behind are not removed here; {@link AssignmentRun} deletes
	 * them after the write.
	 */
	void apply(List<IdPool> pools, Holdings before, IdAssignments after, Map<String, List<String>> recorded) {
		Set<String> names = new HashSet<>();
		for (IdPool pool : pools) {
			names.add(pool.name());
			Map<String, Long> now = after.ids().getOrDefault(pool.name(), Map.of());
			Map<String, Long> held = ids.computeIfAbsent(pool.name(), p -> new TreeMap<>());
			Map<String, Set<String>> poolRows = rows.computeIfAbsent(pool.name(), p -> new TreeMap<>());
			before.assignments().ids().getOrDefault(pool.name(), Map.of()).keySet().forEach(service -> {
				if (!now.containsKey(service)) {
					held.remove(service);
					poolRows.remove(service);
				}
			});
			now.forEach((service, id) -> {
				held.put(service, id);
				poolRows.put(service, Set.copyOf(HoldingWriter.rowsOf(pool, service, after)));
			});
			Long cursor = after.lastAssignments().get(pool.name());
			if (cursor != null) {
				last.put(pool.name(), cursor);
			}
		}
		after.lastAssignmentsPerTarget().forEach((target, lasts) -> lasts.forEach((pool, cursor) -> {
			if (names.contains(pool)) {
				perTarget.computeIfAbsent(target, t -> new TreeMap<>()).put(pool, cursor);
			}
		}));
		targets.putAll(recorded);
	}

	/** The holding rows to delete, as (pool, service), against the database at the start of the batch. */
	List<HoldingStore.Holder> deletes() {
		List<HoldingStore.Holder> deletes = new ArrayList<>();
		changed((pool, service) -> {
			if (initial.assignments().ids().getOrDefault(pool, Map.of()).containsKey(service)) {
				deletes.add(new HoldingStore.Holder(pool, service));
			}
		});
		return deletes;
	}

	/** The holding rows to insert after {@link #deletes()}. */
	List<HoldingStore.Row> inserts() {
		List<HoldingStore.Row> inserts = new ArrayList<>();
		changed((pool, service) -> {
			Long id = ids.getOrDefault(pool, Map.of()).get(service);
			if (id != null) {
				rows.get(pool).get(service).forEach(target -> inserts.add(new HoldingStore.Row(pool, service, target, id)));
			}
		});
		return inserts;
	}

	/** The cursors that moved since the start of the batch. */
	List<HoldingStore.Row> changedCursors(List<IdPool> pools) {
		return HoldingWriter.changedCursors(pools, initial.assignments(), new IdAssignments(ids, last, perTarget, targets));
	}

	/** Each (pool, service) whose ID or rows differ from the database's at the start of the batch. */
	private void changed(BiConsumer<String, String> action) {
		Set<String> pools = new TreeSet<>(ids.keySet());
		pools.addAll(initial.assignments().ids().keySet());
		for (String pool : pools) {
			Map<String, Long> was = initial.assignments().ids().getOrDefault(pool, Map.of());
			Map<String, Long> is = ids.getOrDefault(pool, Map.of());
			Map<String, Set<String>> wasRows = initial.rowTargets().getOrDefault(pool, Map.of());
			Map<String, Set<String>> isRows = rows.getOrDefault(pool, Map.of());
			Set<String> services = new TreeSet<>(was.keySet());
			services.addAll(is.keySet());
			for (String service : services) {
				if (!Objects.equals(was.get(service), is.get(service))
						|| !Objects.equals(wasRows.get(service), isRows.get(service))) {
					action.accept(pool, service);
				}
			}
		}
	}

}

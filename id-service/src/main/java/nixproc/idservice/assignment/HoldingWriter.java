package nixproc.idservice.assignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes the difference between the holdings before a run and its result, and raises the events for it in the
 * same transaction (the event publication registry stores them with the change; no commit, no event).
 */
@Component
class HoldingWriter {

	private final HoldingStore store;

	private final ApplicationEventPublisher events;

	HoldingWriter(HoldingStore store, ApplicationEventPublisher events) {
		this.store = store;
		this.events = events;
	}

	/**
	 * Writes a run over whole pools (an import, a pool resized or deleted): the deletes, then the holdings and cursors
	 * in one statement, the cursors the result no longer has deleted; then its events.
	 *
	 * @param deploymentId what the events name as the cause ({@code import:…}, {@code pool:…})
	 * @param pools the pools the run covered (locked by the caller)
	 * @param before every holder of those pools
	 */
	void apply(String deploymentId, List<IdPool> pools, Holdings before, IdAssignments after) {
		Changes changes = changes(pools, before, after);
		store.delete(changes.deletes());
		store.write(changes.inserts(), changedCursors(pools, before.assignments(), after), Map.of(), List.of(), List.of());
		deleteStaleCursors(pools, after);
		publish(deploymentId, changes);
	}

	/**
	 * What a run changes: the (pool, service) rows to delete and the rows to insert instead, and the IDs it assigned
	 * and released (the events).
	 */
	record Changes(List<HoldingStore.Holder> deletes, List<HoldingStore.Row> inserts,
			List<IdsAssigned.Assigned> assigned, List<IdsReleased.Released> released) {
	}

	static Changes changes(List<IdPool> pools, Holdings before, IdAssignments after) {
		List<HoldingStore.Holder> deletes = new ArrayList<>();
		List<HoldingStore.Row> inserts = new ArrayList<>();
		List<IdsAssigned.Assigned> assigned = new ArrayList<>();
		List<IdsReleased.Released> released = new ArrayList<>();
		for (IdPool pool : pools) {
			Map<String, Long> old = before.assignments().ids().getOrDefault(pool.name(), Map.of());
			Map<String, Set<String>> oldRows = before.rowTargets().getOrDefault(pool.name(), Map.of());
			Map<String, Long> now = after.ids().getOrDefault(pool.name(), Map.of());
			Set<String> services = new TreeSet<>(old.keySet());
			services.addAll(now.keySet());
			for (String service : services) {
				Long was = old.get(service);
				Long is = now.get(service);
				Set<String> rows = rowsOf(pool, service, after);
				if (was != null && was.equals(is) && rows.equals(oldRows.getOrDefault(service, Set.of()))) {
					continue;
				}
				if (was != null) {
					deletes.add(new HoldingStore.Holder(pool.name(), service));
					if (!was.equals(is)) {
						released.add(new IdsReleased.Released(pool.name(), service, was));
					}
				}
				if (is != null) {
					rows.forEach(target -> inserts.add(new HoldingStore.Row(pool.name(), service, target, is)));
					if (!is.equals(was)) {
						assigned.add(new IdsAssigned.Assigned(pool.name(), service, is, Holdings.targetsOf(rows)));
					}
				}
			}
		}
		return new Changes(deletes, inserts, assigned, released);
	}

	/** The targets of a holder's rows after a run: {@code ""} for a global pool, else the service's targets. */
	static Set<String> rowsOf(IdPool pool, String service, IdAssignments after) {
		return pool.scope() == Scope.GLOBAL ? Set.of(Holdings.GLOBAL)
				: new HashSet<>(after.targets().getOrDefault(service, List.of()));
	}

	/** Raises the events of a run in the caller's transaction (the outbox rows). */
	void publish(String deploymentId, Changes changes) {
		if (!changes.released().isEmpty()) {
			events.publishEvent(new IdsReleased(deploymentId, changes.released()));
		}
		if (!changes.assigned().isEmpty()) {
			events.publishEvent(new IdsAssigned(deploymentId, changes.assigned()));
		}
	}

	static List<HoldingStore.Row> changedCursors(List<IdPool> pools, IdAssignments before, IdAssignments after) {
		List<HoldingStore.Row> changed = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (IdPool pool : pools) {
			names.add(pool.name());
			Long last = after.lastAssignments().get(pool.name());
			if (last != null && !last.equals(before.lastAssignments().get(pool.name()))) {
				changed.add(new HoldingStore.Row(pool.name(), "", Holdings.GLOBAL, last));
			}
		}
		after.lastAssignmentsPerTarget().forEach((target, lasts) -> lasts.forEach((pool, last) -> {
			if (names.contains(pool)
					&& !last.equals(before.lastAssignmentsPerTarget().getOrDefault(target, Map.of()).get(pool))) {
				changed.add(new HoldingStore.Row(pool, "", target, last));
			}
		}));
		return changed;
	}

	/** After a run that covered every holder of the pools: deletes the cursors that the result no longer has. */
	void deleteStaleCursors(List<IdPool> pools, IdAssignments after) {
		Set<String> keep = new HashSet<>();
		Set<String> names = new HashSet<>();
		for (IdPool pool : pools) {
			names.add(pool.name());
			if (after.lastAssignments().containsKey(pool.name())) {
				keep.add(pool.name() + "\u0000" + Holdings.GLOBAL);
			}
		}
		after.lastAssignmentsPerTarget().forEach((target, lasts) -> lasts.keySet().forEach(pool -> {
			if (names.contains(pool)) {
				keep.add(pool + "\u0000" + target);
			}
		}));
		store.deleteCursorsExcept(names, keep);
	}

}

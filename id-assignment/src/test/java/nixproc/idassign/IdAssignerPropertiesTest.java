package nixproc.idassign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** The invariants of an assignment run, for random pools and random sequences of models. */
class IdAssignerPropertiesTest {

	private static final List<String> TARGETS = List.of("t1", "t2", "t3");

	@Property
	void everyIdIsInItsPoolAndUniqueInItsScope(@ForAll("pools") IdPool pool, @ForAll("models") List<List<IdRequest>> runs) {
		IdAssignments state = IdAssignments.EMPTY;
		for (List<IdRequest> requests : runs) {
			try {
				state = IdAssigner.assign(List.of(pool), requests, state);
			}
			catch (PoolDepletedException ex) {
				assertThat(ex.size()).isEqualTo(pool.size());
				continue;
			}
			assertValid(pool, requests, state);
		}
	}

	@Property
	void aRerunChangesNothing(@ForAll("pools") IdPool pool, @ForAll("models") List<List<IdRequest>> runs) {
		IdAssignments state = IdAssignments.EMPTY;
		for (List<IdRequest> requests : runs) {
			try {
				state = IdAssigner.assign(List.of(pool), requests, state);
			}
			catch (PoolDepletedException ex) {
				continue;
			}
			assertThat(IdAssigner.assign(List.of(pool), requests, state)).isEqualTo(state);
		}
	}

	@Property
	void servicesThatStayKeepTheirIds(@ForAll("pools") IdPool pool, @ForAll("models") List<List<IdRequest>> runs) {
		IdAssignments state = IdAssignments.EMPTY;
		List<IdRequest> before = List.of();
		for (List<IdRequest> requests : runs) {
			IdAssignments next;
			try {
				next = IdAssigner.assign(List.of(pool), requests, state);
			}
			catch (PoolDepletedException ex) {
				continue;
			}
			for (IdRequest request : requests) {
				IdRequest old = before.stream().filter(r -> r.service().equals(request.service())).findFirst().orElse(null);
				// same targets: nothing can collide with the ID it held, so it must keep it
				if (old != null && old.targets().equals(request.targets())) {
					state.id(pool.name(), request.service())
						.ifPresent(id -> assertThat(next.id(pool.name(), request.service())).contains(id));
				}
			}
			state = next;
			before = requests;
		}
	}

	@Property
	void aPoolIsDepletedOnlyWhenDemandExceedsItsSize(@ForAll("pools") IdPool pool,
			@ForAll("models") List<List<IdRequest>> runs) {
		for (List<IdRequest> requests : runs) {
			long demand = pool.scope() == Scope.GLOBAL ? requests.size() : maxPerTarget(requests);
			boolean depleted;
			try {
				IdAssigner.assign(List.of(pool), requests, IdAssignments.EMPTY);
				depleted = false;
			}
			catch (PoolDepletedException ex) {
				depleted = true;
			}
			if (demand <= pool.size() && pool.scope() == Scope.GLOBAL) {
				assertThat(depleted).as("demand %d, size %d", demand, pool.size()).isFalse();
			}
			if (demand > pool.size()) {
				assertThat(depleted).isTrue();
			}
		}
	}

	/** A new ID at or below the cursor is only handed out once every slot after the cursor is held. */
	@Property
	void freedIdsWaitForTheWrapAround(@ForAll("pools") IdPool pool, @ForAll("models") List<List<IdRequest>> runs) {
		IdAssignments state = IdAssignments.EMPTY;
		for (List<IdRequest> requests : runs) {
			IdAssignments next;
			try {
				next = IdAssigner.assign(List.of(pool), requests, state);
			}
			catch (PoolDepletedException ex) {
				continue;
			}
			IdAssignments previous = state;
			Long cursor = previous.lastAssignments().get(pool.name());
			Map<String, Long> held = next.ids().getOrDefault(pool.name(), Map.of());
			if (pool.scope() == Scope.GLOBAL && cursor != null) {
				held.forEach((service, id) -> {
					if (previous.id(pool.name(), service).isEmpty() && id <= cursor) {
						for (long slot = cursor + pool.step(); slot <= pool.max(); slot += pool.step()) {
							assertThat(held).as("%s got %d though %d after cursor %d was free", service, id, slot, cursor)
								.containsValue(slot);
						}
					}
				});
			}
			state = next;
		}
	}

	private static void assertValid(IdPool pool, List<IdRequest> requests, IdAssignments state) {
		Map<String, Long> held = state.ids().getOrDefault(pool.name(), Map.of());
		assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(
				requests.stream().map(IdRequest::service).toList());
		held.values().forEach(id -> assertThat(pool.contains(id)).as("%d in %s", id, pool).isTrue());
		if (pool.scope() == Scope.GLOBAL) {
			assertThat(new HashSet<>(held.values())).hasSameSizeAs(held.values());
		}
		else {
			Map<String, Set<Long>> perTarget = new HashMap<>();
			for (IdRequest request : requests) {
				for (String target : request.targets()) {
					assertThat(perTarget.computeIfAbsent(target, t -> new HashSet<>()).add(held.get(request.service())))
						.as("%s reuses an ID on %s", request.service(), target).isTrue();
				}
			}
		}
	}

	private static long maxPerTarget(List<IdRequest> requests) {
		return TARGETS.stream()
			.mapToLong(t -> requests.stream().filter(r -> r.targets().contains(t)).count())
			.max()
			.orElse(0);
	}

	@Provide
	Arbitrary<IdPool> pools() {
		return Combinators.combine(Arbitraries.longs().between(0, 100), Arbitraries.longs().between(0, 40),
				Arbitraries.longs().between(1, 4), Arbitraries.of(Scope.class))
			.as((min, span, step, scope) -> new IdPool("p", min, min + span, step, scope));
	}

	@Provide
	Arbitrary<List<List<IdRequest>>> models() {
		Arbitrary<IdRequest> request = Combinators
			.combine(Arbitraries.integers().between(0, 25), Arbitraries.subsetOf(TARGETS).ofMinSize(1))
			.as((n, targets) -> IdRequest.of("s" + n, targets, List.of("p")));
		Arbitrary<List<IdRequest>> model = request.list()
			.ofMaxSize(20)
			.uniqueElements(IdRequest::service)
			.map(ArrayList::new);
		return model.list().ofMinSize(1).ofMaxSize(6);
	}

}

package nixproc.idassign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour dydisnix's tests/idassign.nix asserts, the seed's ids-advanced.nix example, and the fixed defects. */
class IdAssignerTest {

	private static final IdPool PORTS = IdPool.of("ports", 3000, 4000, Scope.GLOBAL);

	private static final List<IdPool> POOLS = List.of(PORTS);

	@Test
	void firstRunAssignsInSortedOrderAndARerunKeepsEverything() {
		List<IdRequest> services = List.of(IdRequest.of("testService3", "ports"), IdRequest.of("testService1", "ports"),
				IdRequest.of("testService2", "ports"));

		IdAssignments first = IdAssigner.assign(POOLS, services, IdAssignments.EMPTY);
		IdAssignments second = IdAssigner.assign(POOLS, services, first);

		assertThat(first.ids()).isEqualTo(Map.of("ports", Map.of("testService1", 3000L, "testService2", 3001L,
				"testService3", 3002L)));
		assertThat(first.lastAssignments()).isEqualTo(Map.of("ports", 3002L));
		assertThat(second).isEqualTo(first);
	}

	@Test
	void aFreedIdIsNotReusedBeforeWrapAround() {
		IdAssignments first = IdAssigner.assign(POOLS, services(1, 3), IdAssignments.EMPTY);
		IdAssignments without1 = IdAssigner.assign(POOLS, services(2, 3), first);
		IdAssignments readded = IdAssigner.assign(POOLS, services(1, 3), without1);

		assertThat(without1.ids().get("ports")).isEqualTo(Map.of("testService2", 3001L, "testService3", 3002L));
		assertThat(readded.id("ports", "testService1")).contains(3003L);
	}

	@Test
	void removingAPoolRemovesItsIdsAndItsCursor() {
		IdPool uids = IdPool.of("uids", 2000, 3000, Scope.GLOBAL);
		IdAssignments first = IdAssigner.assign(List.of(PORTS, uids),
				List.of(IdRequest.of("a", "ports", "uids")), IdAssignments.EMPTY);

		IdAssignments after = IdAssigner.assign(List.of(uids), List.of(IdRequest.of("a", "uids")), first);

		assertThat(after.ids()).containsOnlyKeys("uids");
		assertThat(after.lastAssignments()).containsOnlyKeys("uids");
	}

	@Test
	void machineScopeIsUniquePerTarget() {
		IdPool ports = IdPool.of("ports", 3000, 4000, Scope.MACHINE);
		List<IdRequest> sameTarget = List.of(IdRequest.of("s1", List.of("test1"), List.of("ports")),
				IdRequest.of("s2", List.of("test1"), List.of("ports")));
		List<IdRequest> twoTargets = List.of(IdRequest.of("s1", List.of("test1"), List.of("ports")),
				IdRequest.of("s2", List.of("test2"), List.of("ports")));

		IdAssignments same = IdAssigner.assign(List.of(ports), sameTarget, IdAssignments.EMPTY);
		IdAssignments apart = IdAssigner.assign(List.of(ports), twoTargets, IdAssignments.EMPTY);

		assertThat(same.ids().get("ports")).isEqualTo(Map.of("s1", 3000L, "s2", 3001L));
		assertThat(same.lastAssignmentsPerTarget()).isEqualTo(Map.of("test1", Map.of("ports", 3001L)));
		assertThat(apart.ids().get("ports")).isEqualTo(Map.of("s1", 3000L, "s2", 3000L));
		assertThat(apart.lastAssignments()).isEmpty();
	}

	@Test
	void shrinkingTheRangeKeepsWhatStillFitsAndWrapsTheRest() {
		IdAssignments first = IdAssigner.assign(POOLS, services(1, 3), IdAssignments.EMPTY);

		IdAssignments shrunk = IdAssigner.assign(List.of(IdPool.of("ports", 2000, 3000, Scope.GLOBAL)), services(1, 3),
				first);

		assertThat(shrunk.ids().get("ports")).isEqualTo(Map.of("testService1", 3000L, "testService2", 2000L,
				"testService3", 2001L));
	}

	@Test
	void aFullPoolFailsTheWholeRunNamingPoolAndSize() {
		List<IdPool> pools = List.of(IdPool.of("ports", 3000, 3001, Scope.GLOBAL));

		assertThatThrownBy(() -> IdAssigner.assign(pools, services(1, 3), IdAssignments.EMPTY))
			.isInstanceOfSatisfying(PoolDepletedException.class, ex -> {
				assertThat(ex.pool()).isEqualTo("ports");
				assertThat(ex.size()).isEqualTo(2);
				assertThat(ex.service()).isEqualTo("testService3");
			})
			.hasMessageContaining("depleted")
			.hasMessageContaining("'ports'")
			.hasMessageContaining("all 2 IDs");
	}

	@Test // dydisnix drops step when it reads a Nix model; we honour it
	void stepIsHonoured() {
		IdPool stepped = new IdPool("ports", 5000, 5100, 10, Scope.GLOBAL);

		IdAssignments result = IdAssigner.assign(List.of(stepped), services(1, 3), IdAssignments.EMPTY);

		assertThat(result.ids().get("ports")).isEqualTo(Map.of("testService1", 5000L, "testService2", 5010L,
				"testService3", 5020L));
	}

	@Test // dydisnix counts max-min+1 slots and loops forever when the stepped slots are all taken
	void aSteppedPoolIsDepletedWhenItsReachableSlotsAreTaken() {
		IdPool stepped = new IdPool("ports", 5000, 5025, 10, Scope.GLOBAL);

		assertThat(stepped.size()).isEqualTo(3);
		assertThatThrownBy(() -> IdAssigner.assign(List.of(stepped), services(1, 4), IdAssignments.EMPTY))
			.isInstanceOf(PoolDepletedException.class)
			.hasMessageContaining("all 3 IDs");
	}

	@Test // dydisnix invalidates the IDs of a service mapped to two or more targets on every run
	void aMultiTargetServiceKeepsItsIds() {
		IdPool ports = IdPool.of("ports", 3000, 4000, Scope.MACHINE);
		IdPool uids = IdPool.of("uids", 2000, 3000, Scope.GLOBAL);
		List<IdRequest> requests = List.of(IdRequest.of("web", List.of("a", "b"), List.of("ports", "uids")),
				IdRequest.of("db", List.of("b"), List.of("ports", "uids")));

		IdAssignments first = IdAssigner.assign(List.of(ports, uids), requests, IdAssignments.EMPTY);
		IdAssignments second = IdAssigner.assign(List.of(ports, uids), requests, first);

		assertThat(first.ids().get("ports")).isEqualTo(Map.of("db", 3000L, "web", 3001L));
		assertThat(second).isEqualTo(first);
	}

	@Test
	void aMachineScopedIdIsReassignedWhenANewTargetAlreadyUsesIt() {
		IdPool ports = IdPool.of("ports", 3000, 4000, Scope.MACHINE);
		IdAssignments first = IdAssigner.assign(List.of(ports), List.of(
				IdRequest.of("a", List.of("t1"), List.of("ports")), IdRequest.of("b", List.of("t2"), List.of("ports"))),
				IdAssignments.EMPTY);

		IdAssignments moved = IdAssigner.assign(List.of(ports), List.of(
				IdRequest.of("a", List.of("t1"), List.of("ports")),
				IdRequest.of("b", List.of("t1", "t2"), List.of("ports"))), first);

		assertThat(first.ids().get("ports")).isEqualTo(Map.of("a", 3000L, "b", 3000L));
		assertThat(moved.ids().get("ports")).isEqualTo(Map.of("a", 3000L, "b", 3001L));
	}

	@Test
	void withoutPruneOtherServicesKeepTheirIds() {
		IdAssignments first = IdAssigner.assign(POOLS, services(1, 2), IdAssignments.EMPTY);

		IdAssignments more = IdAssigner.assign(POOLS, List.of(IdRequest.of("testService3", "ports")), first,
				OtherHolders.NONE, false);

		assertThat(more.ids().get("ports")).isEqualTo(Map.of("testService1", 3000L, "testService2", 3001L,
				"testService3", 3002L));
	}

	@Test
	void idsHeldElsewhereAreSkipped() {
		OtherHolders others = (pool, target, from, to) -> List.of(3000L, 3001L, 3003L).stream()
			.filter(id -> id >= from && id <= to)
			.toList();

		IdAssignments result = IdAssigner.assign(POOLS, services(1, 2), IdAssignments.EMPTY, others, false);

		assertThat(result.ids().get("ports")).isEqualTo(Map.of("testService1", 3002L, "testService2", 3004L));
	}

	@Test
	void anUndefinedPoolIsNamed() {
		assertThatThrownBy(() -> IdAssigner.assign(POOLS, List.of(IdRequest.of("web", "gids")), IdAssignments.EMPTY))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("service 'web' requires pool 'gids', which is not defined");
	}

	@Test
	void aMachineScopedPoolNeedsATarget() {
		IdPool ports = IdPool.of("ports", 3000, 4000, Scope.MACHINE);

		assertThatThrownBy(() -> IdAssigner.assign(List.of(ports), List.of(IdRequest.of("web", "ports")),
				IdAssignments.EMPTY))
			.hasMessageContaining("machine-scoped pool 'ports' but is mapped to no target");
	}

	@Test
	void badPoolsAreRefusedNamingTheField() {
		assertThatThrownBy(() -> new IdPool("p", 10, 5, 1, Scope.GLOBAL)).hasMessageStartingWith("max:");
		assertThatThrownBy(() -> new IdPool("p", -1, 5, 1, Scope.GLOBAL)).hasMessageStartingWith("min:");
		assertThatThrownBy(() -> new IdPool("p", 1, 5, 0, Scope.GLOBAL)).hasMessageStartingWith("step:");
		assertThatThrownBy(() -> new IdPool("9p", 1, 5, 1, Scope.GLOBAL)).hasMessageStartingWith("name:");
		assertThatThrownBy(() -> Scope.fromModelName("planet")).hasMessageStartingWith("scope:");
	}

	/**
	 * The seed's examples/webapps-sysvinit ids-advanced.nix story: webapp and nginx get IDs; webapp is removed and
	 * six webapps plus a second nginx are added; the values continue after the last assignment.
	 */
	@Test
	void replaysTheSeedsSequence() {
		List<IdPool> pools = List.of(IdPool.of("webappPorts", 5000, 6000, Scope.GLOBAL),
				IdPool.of("nginxPorts", 8080, 9000, Scope.GLOBAL), IdPool.of("uids", 2000, 3000, Scope.GLOBAL),
				IdPool.of("gids", 2000, 3000, Scope.GLOBAL));
		List<IdRequest> simple = List.of(IdRequest.of("webapp", "webappPorts", "uids", "gids"),
				IdRequest.of("nginx", "nginxPorts", "uids", "gids"));
		IdAssignments first = IdAssigner.assign(pools, simple, IdAssignments.EMPTY);

		List<IdRequest> advanced = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			advanced.add(IdRequest.of("webapp" + i, "webappPorts", "uids", "gids"));
		}
		advanced.add(IdRequest.of("nginx", "nginxPorts", "uids", "gids"));
		advanced.add(IdRequest.of("nginx2", "nginxPorts", "uids", "gids"));
		IdAssignments second = IdAssigner.assign(pools, advanced, first);

		assertThat(first.ids().get("webappPorts")).isEqualTo(Map.of("webapp", 5000L));
		assertThat(first.ids().get("uids")).isEqualTo(Map.of("nginx", 2000L, "webapp", 2001L));
		assertThat(second.ids().get("webappPorts")).isEqualTo(Map.of("webapp1", 5001L, "webapp2", 5002L,
				"webapp3", 5003L, "webapp4", 5004L, "webapp5", 5005L, "webapp6", 5006L));
		assertThat(second.ids().get("nginxPorts")).isEqualTo(Map.of("nginx", 8080L, "nginx2", 8081L));
		assertThat(second.ids().get("uids")).containsEntry("nginx", 2000L).containsEntry("nginx2", 2002L)
			.containsEntry("webapp1", 2003L).containsEntry("webapp6", 2008L).doesNotContainValue(2001L);
		assertThat(second.lastAssignments()).containsEntry("webappPorts", 5006L).containsEntry("uids", 2008L);
	}

	private static Collection<IdRequest> services(int from, int to) {
		List<IdRequest> requests = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			requests.add(IdRequest.of("testService" + i, "ports"));
		}
		return requests;
	}

}

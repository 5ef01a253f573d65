package nixproc.idservice.assignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
import nixproc.idservice.assignment.AssignmentRequest.ServiceRequest;
import nixproc.idservice.pool.Pools;
import nixproc.service.problem.ProblemException;
import nixproc.testsupport.SpringIntegrationServices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch answers every request exactly as the requests run alone one after another would, and leaves the same
 * database behind (holdings, cursors, targets, stored answers, events): overlapping services, a target change, a
 * depleted pool and an unknown pool in the middle (they fail alone, their deployment ids stay unused), a repeated
 * and a reused deployment id.
 */
@SpringBootTest
class GroupCommitTest {

	@Autowired
	Assignments assignments;

	@Autowired
	Pools pools;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
	}

	@Test
	void aBatchEqualsItsRequestsRunAloneInOrder() {
		List<AssignmentRequest> requests = List.of(
				request("r1", service("d", List.of(), "ports", "tiny"), service("e", List.of("t1", "t2"), "mp")),
				request("r2", service("a", List.of("t2"), "ports", "mp"), service("f", List.of(), "tiny")),
				// tiny (1..4) has one ID left: g gets it, h finds the pool depleted, so r3 assigns nothing
				request("r3", service("g", List.of(), "tiny"), service("h", List.of(), "tiny")),
				request("r4", service("j", List.of(), "nosuch")),
				request("pre", service("a", List.of("t1"), "ports", "mp"), service("b", List.of(), "tiny"),
						service("c", List.of(), "ports")),
				request("r5", service("x", List.of(), "ports")),
				request("r6", service("c", List.of("t2"), "ports", "mp"), service("k", List.of(), "ports", "tiny")),
				request("r7", service("e", List.of("t1"), "mp"), service("d", List.of(), "ports")),
				// r4's id was not used up: now it works
				request("r4", service("j", List.of(), "ports")));

		prepare();
		List<String> alone = new ArrayList<>();
		for (AssignmentRequest request : requests) {
			try {
				alone.add(describe(assignments.assignAlone(request)));
			}
			catch (ProblemException ex) {
				alone.add(describe(ex));
			}
		}
		List<List<Map<String, Object>>> afterAlone = database();

		prepare();
		List<String> batched = new ArrayList<>();
		// two batches: the second deployment id 'r4' comes in a batch after the first
		for (List<AssignmentRequest> batch : List.of(requests.subList(0, 8), requests.subList(8, 9))) {
			for (Outcome outcome : assignments.assignBatch(batch)) {
				batched.add(outcome instanceof Outcome.Refused refused ? describe(refused.problem())
						: describe(((Outcome.Answered) outcome).response()));
			}
		}

		assertThat(batched).containsExactlyElementsOf(alone);
		assertThat(alone.get(2)).startsWith("409");
		assertThat(alone.get(3)).startsWith("400");
		assertThat(alone.get(4)).doesNotStartWith("4");
		assertThat(alone.get(5)).startsWith("409");
		assertThat(alone.get(8)).doesNotStartWith("4");
		assertThat(database()).containsExactlyElementsOf(afterAlone);
		assertThat(batched).hasSize(requests.size());
	}

	/** Three pools and a first deployment 'pre', committed. */
	private void prepare() {
		jdbc.update("DELETE FROM pool");
		jdbc.update("DELETE FROM deployment_request");
		jdbc.update("DELETE FROM service_targets");
		jdbc.update("DELETE FROM event_publication");
		pools.create(IdPool.of("tiny", 1, 4, Scope.GLOBAL));
		pools.create(IdPool.of("ports", 100, 199, Scope.GLOBAL));
		pools.create(IdPool.of("mp", 10, 19, Scope.MACHINE));
		assignments.assignAlone(request("pre", service("a", List.of("t1"), "ports", "mp"), service("b", List.of(), "tiny"),
				service("c", List.of(), "ports")));
		// 'r5' was used by another request
		assignments.assignAlone(request("r5", service("z", List.of(), "ports")));
	}

	/** Everything the runs write, in a fixed order. */
	private List<List<Map<String, Object>>> database() {
		return List.of(jdbc.queryForList("SELECT pool, service, target, id FROM holding ORDER BY 1, 2, 3"),
				jdbc.queryForList("SELECT pool, target, last_id FROM pool_cursor ORDER BY 1, 2"),
				jdbc.queryForList("SELECT service, targets::text FROM service_targets ORDER BY 1"),
				jdbc.queryForList("SELECT deployment_id, request_hash, response FROM deployment_request ORDER BY 1"),
				jdbc.queryForList("SELECT event_type, serialized_event FROM event_publication ORDER BY 2"));
	}

	private static String describe(AssignmentResponse response) {
		return response.toString();
	}

	private static String describe(ProblemException ex) {
		return ex.status().value() + " " + ex.getMessage() + " " + ex.errors();
	}

	private static AssignmentRequest request(String id, ServiceRequest... services) {
		return new AssignmentRequest(id, false, List.of(services));
	}

	private static ServiceRequest service(String name, List<String> targets, String... pools) {
		return new ServiceRequest(name, targets, List.of(pools));
	}

}

package nixproc.idservice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
import nixproc.idservice.assignment.AssignmentRequest;
import nixproc.idservice.assignment.AssignmentRequest.ServiceRequest;
import nixproc.idservice.assignment.AssignmentResponse;
import nixproc.idservice.assignment.Assignments;
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
 * 16 clients × 150 random requests against real PostgreSQL, on overlapping services and pools (one small enough to
 * run out), then every invariant: no ID twice in a scope, every ID in its pool, and an ID once handed to a service
 * never changes while the service keeps asking (no prune here; targets and pools fixed per service).
 */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=20")
class ConcurrentAssignmentTest {

	private static final int CLIENTS = 16;

	private static final int REQUESTS = 150;

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
	void sixteenClientsNeverBreakAnInvariant() throws Exception {
		pools.create(IdPool.of("ports", 3000, 9000, Scope.GLOBAL));
		pools.create(new IdPool("stepped", 10_000, 60_000, 10, Scope.GLOBAL));
		pools.create(IdPool.of("machinePorts", 8000, 8400, Scope.MACHINE));
		pools.create(IdPool.of("scarce", 1, 150, Scope.GLOBAL));
		List<String> poolNames = List.of("ports", "stepped", "machinePorts", "scarce");
		Map<String, Long> firstSeen = new ConcurrentHashMap<>();
		List<String> changed = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicInteger depleted = new AtomicInteger();
		AtomicInteger answered = new AtomicInteger();

		ExecutorService executor = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> clients = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			int client = c;
			clients.add(executor.submit(() -> {
				Random random = new Random(client);
				for (int r = 0; r < REQUESTS; r++) {
					List<ServiceRequest> services = new ArrayList<>();
					random.ints(1 + random.nextInt(12), 0, 600).distinct().forEach(s -> {
						// a service's pools and target are fixed: dropping a pool would (rightly) release its ID
						List<String> required = new ArrayList<>(List.of("ports"));
						for (int p = 1; p < poolNames.size(); p++) {
							if ((s >> p) % 2 == 1) {
								required.add(poolNames.get(p));
							}
						}
						services.add(new ServiceRequest("svc" + s, List.of("t" + s % 5), required));
					});
					try {
						AssignmentResponse response = assignments
							.assign(new AssignmentRequest("c" + client + "-r" + r, false, new ArrayList<>(services)));
						answered.incrementAndGet();
						response.ids().forEach((pool, held) -> held.forEach((service, id) -> {
							Long before = firstSeen.putIfAbsent(pool + "/" + service, id);
							if (before != null && !before.equals(id)) {
								changed.add(pool + "/" + service + ": " + before + " -> " + id);
							}
						}));
					}
					catch (ProblemException ex) {
						assertThat(ex.getMessage()).contains("depleted").contains("'scarce'");
						depleted.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> client : clients) {
			client.get();
		}
		executor.shutdown();

		assertThat(changed).as("retained IDs changed").isEmpty();
		assertThat(answered.get() + depleted.get()).isEqualTo(CLIENTS * REQUESTS);
		// 'scarce' has 150 IDs for about 300 services: both outcomes must have happened under contention
		assertThat(answered.get()).isGreaterThan(100);
		assertThat(depleted.get()).isGreaterThan(100);
		assertThat(jdbc.queryForList("SELECT pool, target, id FROM holding GROUP BY pool, target, id HAVING count(*) > 1"))
			.as("an ID held twice in one scope").isEmpty();
		assertThat(jdbc.queryForList("SELECT h.pool, h.service, h.id FROM holding h JOIN pool p ON p.name = h.pool "
				+ "WHERE h.id < p.min OR h.id > p.max OR (h.id - p.min) % p.step <> 0")).as("an ID outside its pool").isEmpty();
		assertThat(jdbc.queryForList("SELECT pool, service FROM holding GROUP BY pool, service HAVING count(DISTINCT id) > 1"))
			.as("a machine-scoped service with two IDs").isEmpty();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM holding", Integer.class)).isGreaterThan(500);
		firstSeen.forEach((key, id) -> {
			String[] parts = key.split("/");
			assertThat(jdbc.queryForList("SELECT DISTINCT id FROM holding WHERE pool = ? AND service = ?", Long.class,
					parts[0], parts[1])).as(key).containsExactly(id);
		});
	}

}

package nixproc.idservice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
import nixproc.idservice.assignment.AssignmentRequest;
import nixproc.idservice.assignment.AssignmentRequest.ServiceRequest;
import nixproc.idservice.assignment.Assignments;
import nixproc.idservice.pool.Pools;
import nixproc.testsupport.SpringIntegrationServices;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignments per second with 1, 8 and 16 clients, beside the naive baseline (one counter row per pool, bumped
 * with {@code UPDATE … RETURNING} per assignment), in the same run against the same PostgreSQL. A measurement, not
 * a test of speed. An assignment is one ID handed out to a new service (a request asks for {@value #BATCH}); the
 * "incl. outbox" column counts the same IDs over the measured time plus the time until Kafka took every event they
 * raised. It asserts only that nothing was handed out twice and that every counted ID is held, and prints and writes the figures to
 * {@code target/assignment-benchmark.txt}. Not part of the normal build (the name does not end in Test); run it with
 * {@code mvn -pl id-service -am test -Dtest=AssignmentBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.clients=8} measures only 8 clients).
 */
@SpringBootTest(properties = { "spring.datasource.hikari.maximum-pool-size=24", "logging.level.root=warn" })
class AssignmentBenchmark {

	/** Services per request: a deployment asks for the IDs of many services at once. */
	private static final int BATCH = 20;

	private static final int WARM_UP_SECONDS = 3;

	private static final int MEASURE_SECONDS = 10;

	@Autowired
	Assignments assignments;

	@Autowired
	Pools pools;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	private final AtomicInteger sequence = new AtomicInteger();

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		SpringIntegrationServices.register(registry);
	}

	@Test
	void assignmentsPerSecond() throws Exception {
		pools.create(IdPool.of("ports", 0, IdPool.LIMIT, Scope.GLOBAL));
		jdbc.update("INSERT INTO naive_counter (pool, value) VALUES ('ports', 0)");
		StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%-8s %14s %16s %14s%n", "clients",
				"id-service/s", "incl. outbox/s", "naive/s"));
		for (int clients : Arrays.stream(System.getProperty("bench.clients", "1,8,16").split(",")).map(String::trim)
			.mapToInt(Integer::parseInt)
			.toArray()) {
			measure(clients, WARM_UP_SECONDS, this::assignBatch);
			drainOutbox();
			long ids = assigned();
			double ours = measure(clients, MEASURE_SECONDS, this::assignBatch);
			long handedOut = assigned() - ids;
			// the same IDs, counted until Kafka took every event they raised (the outbox is empty again)
			double withOutbox = handedOut / (handedOut / ours + drainOutbox());
			measure(clients, WARM_UP_SECONDS, this::naiveBatch);
			double naive = measure(clients, MEASURE_SECONDS, this::naiveBatch);
			report.append(String.format(Locale.ROOT, "%-8d %14.0f %16.0f %14.0f%n", clients, ours, withOutbox, naive));
		}
		System.out.print(report);
		Files.writeString(Path.of("target/assignment-benchmark.txt"), report.toString());

		assertThat(jdbc.queryForList("SELECT pool, target, id FROM holding GROUP BY pool, target, id HAVING count(*) > 1"))
			.isEmpty();
		// every request handed out its IDs: an assignment counted is an ID held
		assertThat(assigned()).isEqualTo((long) sequence.get() * BATCH);
	}

	/** IDs held now: each request hands out {@value #BATCH} new ones, so this counts what the measurement counts. */
	private long assigned() {
		return jdbc.queryForObject("SELECT count(*) FROM holding", Long.class);
	}

	/** Waits until every event publication is complete (Kafka took it); returns the seconds it took. */
	private double drainOutbox() throws InterruptedException {
		long start = System.nanoTime();
		while (jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL", Long.class) > 0) {
			Thread.sleep(20);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** One deployment of {@value #BATCH} new services. */
	private void assignBatch() {
		int request = sequence.incrementAndGet();
		List<ServiceRequest> services = new ArrayList<>();
		for (int i = 0; i < BATCH; i++) {
			services.add(new ServiceRequest("s" + request + "-" + i, List.of(), List.of("ports")));
		}
		assignments.assign(new AssignmentRequest("bench-" + request, false, services));
	}

	/** The naive way: one transaction, one counter UPDATE per service. */
	private void naiveBatch() {
		transactions.executeWithoutResult(status -> {
			for (int i = 0; i < BATCH; i++) {
				jdbc.queryForObject("UPDATE naive_counter SET value = value + 1 WHERE pool = 'ports' RETURNING value",
						Long.class);
			}
		});
	}

	private static double measure(int clients, int seconds, Runnable batch) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		AtomicInteger batches = new AtomicInteger();
		long start = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			running.add(executor.submit(() -> {
				while (System.nanoTime() < deadline) {
					batch.run();
					batches.incrementAndGet();
				}
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
		executor.shutdown();
		double elapsed = (System.nanoTime() - start) / 1e9;
		return batches.get() * (double) BATCH / elapsed;
	}


}

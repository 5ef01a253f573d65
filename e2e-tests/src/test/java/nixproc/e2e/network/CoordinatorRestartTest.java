package nixproc.e2e.network;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import nixproc.coordinator.keys.CoordinatorKeys;
import nixproc.coordinator.target.TargetRegistry;
import nixproc.coordinator.target.TargetView;
import nixproc.testsupport.IntegrationServices;
import nixproc.testsupport.TestDatabase;
import nixproc.testsupport.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static nixproc.e2e.network.DeploymentEndToEndTest.RUN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator stopped in the middle of a transition: two coordinators started afterwards, side by side on the same
 * database and broker, resume the deployment once the stopped one's lease has run out, and drive it to committed
 * exactly once (one generation row, one coordinator holding it).
 */
class CoordinatorRestartTest {

	@TempDir
	Path dirs;

	final TestDatabase database = IntegrationServices.get().newDatabase();

	final TestKafka kafka = IntegrationServices.get().newKafka();

	InProcessAgents agents;

	final List<ConfigurableApplicationContext> coordinators = new java.util.ArrayList<>();

	@AfterEach
	void stop() {
		coordinators.forEach(ConfigurableApplicationContext::close);
		if (agents != null) {
			agents.close();
		}
		ProcessHandle.allProcesses()
			.filter(p -> p.info().commandLine().orElse("").contains("sleep " + RUN + "7"))
			.forEach(ProcessHandle::destroyForcibly);
	}

	ConfigurableApplicationContext coordinator() {
		ConfigurableApplicationContext context = InProcessCoordinator.start(database, kafka,
				Map.of("nixproc.coordinator.lease", "3s"));
		coordinators.add(context);
		return context;
	}

	@Test
	void aDeploymentInterruptedByACoordinatorStopIsResumedAndCommittedOnceByTheNextCoordinators() {
		DeploymentEndToEndTest.createTopics(kafka);
		ConfigurableApplicationContext first = coordinator();
		agents = new InProcessAgents(kafka.bootstrapServers(), kafka.namespace(),
				first.getBean(CoordinatorKeys.class).publicKey(), dirs);
		agents.start("alpha");
		agents.start("beta");
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> first.getBean(TargetRegistry.class)
			.all()
			.stream()
			.filter(TargetView::online)
			.count() == 2);
		String id = new Api(InProcessCoordinator.port(first))
			.deploy(DeploymentEndToEndTest.model("7", "exec sleep " + RUN + "72"));
		JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(),
				database.user(), database.password()));
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(
				() -> db.queryForObject("SELECT status FROM coordinator.deployment WHERE id = ?", String.class, id),
				"ACTIVATING"::equals);
		String stoppedOwner = db.queryForObject("SELECT owner FROM coordinator.deployment WHERE id = ?", String.class, id);
		first.close();

		ConfigurableApplicationContext second = coordinator();
		coordinator();
		var finished = new Api(InProcessCoordinator.port(second)).finished(id);
		assertThat(finished.get("status").asString()).as(finished.toString()).isEqualTo("COMMITTED");
		assertThat(db.queryForObject("SELECT owner FROM coordinator.deployment WHERE id = ?", String.class, id))
			.isNotEqualTo(stoppedOwner);
		assertThat(db.queryForObject("SELECT count(*) FROM coordinator.generation", Integer.class)).isEqualTo(1);
		assertThat(DeploymentEndToEndTest.sleeper(RUN + "7")).isPresent();
		assertThat(DeploymentEndToEndTest.sleeper(RUN + "72")).isPresent();
	}

}

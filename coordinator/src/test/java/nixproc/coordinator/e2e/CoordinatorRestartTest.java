package nixproc.coordinator.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nixproc.coordinator.CoordinatorApplication;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static nixproc.coordinator.e2e.DeploymentEndToEndTest.RUN;
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
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		properties.put("nixproc.kafka.topic-namespace", kafka.namespace());
		properties.put("nixproc.security.bootstrap-admin-token", DeploymentEndToEndTest.TOKEN);
		properties.put("nixproc.coordinator.lease", "3s");
		properties.put("nixproc.coordinator.tick", "200ms");
		// as command-line arguments: they must win over the defaults of application.yml and nixproc-service.yml
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CoordinatorApplication.class)
			.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
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
		String id = new Api(port(first)).deploy(DeploymentEndToEndTest.model("7", "exec sleep " + RUN + "72"));
		JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(),
				database.user(), database.password()));
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(
				() -> db.queryForObject("SELECT status FROM coordinator.deployment WHERE id = ?", String.class, id),
				"ACTIVATING"::equals);
		String stoppedOwner = db.queryForObject("SELECT owner FROM coordinator.deployment WHERE id = ?", String.class, id);
		first.close();

		ConfigurableApplicationContext second = coordinator();
		coordinator();
		var finished = new Api(port(second)).finished(id);
		assertThat(finished.get("status").asString()).as(finished.toString()).isEqualTo("COMMITTED");
		assertThat(db.queryForObject("SELECT owner FROM coordinator.deployment WHERE id = ?", String.class, id))
			.isNotEqualTo(stoppedOwner);
		assertThat(db.queryForObject("SELECT count(*) FROM coordinator.generation", Integer.class)).isEqualTo(1);
		assertThat(DeploymentEndToEndTest.sleeper(RUN + "7")).isPresent();
		assertThat(DeploymentEndToEndTest.sleeper(RUN + "72")).isPresent();
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}

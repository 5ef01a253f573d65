package nixproc.e2e.network;

import java.util.HashMap;
import java.util.Map;

import nixproc.coordinator.CoordinatorApplication;
import nixproc.testsupport.TestDatabase;
import nixproc.testsupport.TestKafka;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A coordinator started in the test JVM on a database and broker of the test's, on a free port. */
final class InProcessCoordinator {

	private InProcessCoordinator() {
	}

	static ConfigurableApplicationContext start(TestDatabase database, TestKafka kafka, Map<String, Object> extra) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.user());
		properties.put("spring.datasource.password", database.password());
		properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
		properties.put("nixproc.kafka.topic-namespace", kafka.namespace());
		properties.put("nixproc.security.bootstrap-admin-token", Api.TOKEN);
		properties.put("nixproc.coordinator.tick", "200ms");
		properties.putAll(extra);
		// as command-line arguments: they must win over the defaults of application.yml and nixproc-service.yml
		return new SpringApplicationBuilder(CoordinatorApplication.class)
			.run(properties.entrySet()
				.stream()
				.map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}

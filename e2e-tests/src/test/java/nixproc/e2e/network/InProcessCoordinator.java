package nixproc.e2e.network;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import nixproc.coordinator.CoordinatorApplication;
import nixproc.testsupport.TestDatabase;
import nixproc.testsupport.TestKafka;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A coordinator started in the test JVM on a database and broker of the test's, on a free port; coordinators on one
 * database share a key file, as the coordinators of one network do.
 */
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
		// a viewer's and a deployer's token too (service-support's ApiClient.VIEWER and DEPLOYER)
		for (String property : nixproc.service.ApiClient.PROPERTIES) {
			if (property.startsWith("nixproc.security.tokens")) {
				String[] pair = property.split("=", 2);
				properties.put(pair[0], pair[1]);
			}
		}
		properties.put("nixproc.coordinator.tick", "200ms");
		// every coordinator of one network (here: of one database) signs with the one key file it is given
		properties.put("nixproc.coordinator.key-file", Path.of(System.getProperty("java.io.tmpdir"),
				"nixproc-coordinator-test-keys", database.name(), "coordinator.key").toString());
		properties.put("nixproc.coordinator.operator-keys",
				nixproc.events.Ed25519Keys.encode(DeploymentEndToEndTest.OPERATOR.getPublic()));
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

package nixproc.service;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every nixproc service must do once started against real PostgreSQL and Kafka. A service's test is a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} subclass that registers
 * {@code SpringIntegrationServices} and names its schema.
 */
public abstract class ServiceStartContract {

	private final String schema;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	protected ServiceStartContract(String schema) {
		this.schema = schema;
	}

	@Test
	void livenessAndReadinessAreUpWithDatabaseAndBroker() {
		assertThat(health("/actuator/health/liveness", null)).containsEntry("status", "UP");
		Map<String, Object> readiness = health("/actuator/health/readiness", ApiClient.ADMIN);
		assertThat(readiness).containsEntry("status", "UP");
		assertThat(readiness.get("components")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsKeys("db", "kafka", "readinessState");
	}

	@Test // #17
	void healthShowsItsComponentsAndDetailsOnlyToACallerWithAToken() {
		Map<String, Object> anonymous = health("/actuator/health", null);
		assertThat(anonymous).containsEntry("status", "UP").doesNotContainKeys("components", "details");
		assertThat(health("/actuator/health/readiness", null)).containsOnlyKeys("status");
		assertThat(health("/actuator/health", ApiClient.ADMIN)).containsKey("components");
	}

	@Test
	void migrationsRanInTheServicesOwnSchemaOnly() {
		List<String> own = jdbc.queryForList(
				"SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name", String.class,
				schema);
		assertThat(own).contains("event_publication", "flyway_schema_history");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
				Integer.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(schema);
	}

	@Test
	void publishesItsOpenApiDocument() {
		String document = client().get().uri("/v3/api-docs").retrieve().body(String.class);
		assertThat(document).contains("\"openapi\"");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> health(String path, @org.jspecify.annotations.Nullable String token) {
		RestClient.RequestHeadersSpec<?> request = client().get().uri(path);
		if (token != null) {
			request = request.header("Authorization", "Bearer " + token);
		}
		return request.retrieve().body(Map.class);
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + port);
	}

}

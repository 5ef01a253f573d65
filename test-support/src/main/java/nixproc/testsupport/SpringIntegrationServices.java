package nixproc.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Publishes a fresh database and the broker to a Spring test context. Kafka goes in as a property, not through
 * {@code @ServiceConnection}: the Spring Cloud Stream Kafka binder only reads {@code spring.kafka.bootstrap-servers}.
 *
 * <pre>
 * &#64;DynamicPropertySource
 * static void services(DynamicPropertyRegistry registry) { SpringIntegrationServices.register(registry); }
 * </pre>
 */
public final class SpringIntegrationServices {

	private SpringIntegrationServices() {
	}

	/** Registers datasource, Kafka and topic-namespace properties; returns what it registered. */
	public static Registered register(DynamicPropertyRegistry registry) {
		return register(registry, IntegrationServices.get().newKafka());
	}

	/**
	 * Registers a fresh database and the given broker and namespace, e.g. a {@link ScriptedKafkaBroker}'s
	 * {@link ScriptedKafkaBroker#newKafka()}; returns what it registered.
	 */
	public static Registered register(DynamicPropertyRegistry registry, TestKafka kafka) {
		TestDatabase database = IntegrationServices.get().newDatabase();
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::user);
		registry.add("spring.datasource.password", database::password);
		registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
		// the binder's own context puts system properties first, and the in-process broker sets
		// spring.kafka.bootstrap-servers as one: name the broker to the binder directly, or a test with a broker of its
		// own gets the JVM's shared one
		registry.add("spring.cloud.stream.kafka.binder.brokers", kafka::bootstrapServers);
		registry.add("nixproc.kafka.topic-namespace", kafka::namespace);
		return new Registered(database, kafka);
	}

	/** What a test context was given. */
	public record Registered(TestDatabase database, TestKafka kafka) {
	}

}

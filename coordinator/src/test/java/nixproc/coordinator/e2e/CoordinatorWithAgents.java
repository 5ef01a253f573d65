package nixproc.coordinator.e2e;

import nixproc.testsupport.SpringIntegrationServices;
import nixproc.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CoordinatorAndAgents} on test-support's PostgreSQL and shared Kafka broker (a namespace of its own). */
abstract class CoordinatorWithAgents extends CoordinatorAndAgents {

	private static TestKafka shared;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		shared = SpringIntegrationServices.register(registry).kafka();
		kafka = shared;
		DeploymentEndToEndTest.createTopics(kafka);
	}

	/**
	 * A class that reuses the cached context does not run {@link #services} again, and a test with a broker of its own
	 * (BrokerRestartEndToEndTest) may have pointed {@link #kafka} elsewhere in between.
	 */
	@BeforeAll
	static void useTheSharedBroker() {
		if (shared != null) {
			kafka = shared;
		}
	}

}

package nixproc.e2e.network;

import nixproc.testsupport.SpringIntegrationServices;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CoordinatorAndAgents} on test-support's PostgreSQL and shared Kafka broker (a namespace of its own). Every
 * class gets a fresh context ({@code @DirtiesContext} on the base), so this runs, and sets {@link #kafka}, per class.
 */
abstract class CoordinatorWithAgents extends CoordinatorAndAgents {

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		kafka = SpringIntegrationServices.register(registry).kafka();
		DeploymentEndToEndTest.createTopics(kafka);
	}

}

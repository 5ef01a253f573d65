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
		// a viewer's and a deployer's token besides the admin's (service-support's ApiClient.VIEWER and DEPLOYER)
		for (String property : nixproc.service.ApiClient.PROPERTIES) {
			if (property.startsWith("nixproc.security.tokens")) {
				String[] pair = property.split("=", 2);
				registry.add(pair[0], () -> pair[1]);
			}
		}
		registry.add("nixproc.coordinator.operator-keys",
				() -> nixproc.events.Ed25519Keys.encode(DeploymentEndToEndTest.OPERATOR.getPublic()));
		DeploymentEndToEndTest.createTopics(kafka);
	}

}

package nixproc.service.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import nixproc.events.KafkaSecurity;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How the service authenticates to Kafka (issue 17), from {@code NIXPROC_KAFKA_USER}, {@code NIXPROC_KAFKA_PASSWORD}
 * (or {@code NIXPROC_KAFKA_PASSWORD_FILE}), {@code NIXPROC_KAFKA_SECURITY_PROTOCOL} ({@code SASL_PLAINTEXT} when a
 * user is given, else {@code PLAINTEXT}), {@code NIXPROC_KAFKA_SASL_MECHANISM} ({@code SCRAM-SHA-512}) and
 * {@code NIXPROC_KAFKA_TRUST_STORE} (PEM certificates for TLS): Kafka client properties under
 * {@code spring.kafka.properties}, which the Spring Cloud Stream binder's producers, consumers and topic provisioner
 * and the readiness check all use. Nothing set: nothing changes. A bad combination stops the service at start with
 * a message naming the variables.
 */
public final class KafkaSecurityEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "nixprocKafkaSecurity";

	@Override
	public int getOrder() {
		// after SecretFiles, which may have read NIXPROC_KAFKA_PASSWORD from its file
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = properties(name -> Optional.ofNullable(environment.getProperty(name))
			.filter(v -> !v.isBlank()));
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
		}
	}

	static Map<String, Object> properties(java.util.function.Function<String, Optional<String>> env) {
		Optional<String> protocol = env.apply("NIXPROC_KAFKA_SECURITY_PROTOCOL");
		Optional<String> user = env.apply("NIXPROC_KAFKA_USER");
		Optional<String> trustStore = env.apply("NIXPROC_KAFKA_TRUST_STORE");
		if (protocol.isEmpty() && user.isEmpty() && trustStore.isEmpty()) {
			return Map.of();
		}
		KafkaSecurity security;
		try {
			security = KafkaSecurity.of(protocol, env.apply("NIXPROC_KAFKA_SASL_MECHANISM"), user,
					env.apply("NIXPROC_KAFKA_PASSWORD"), trustStore.map(Path::of));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("NIXPROC_KAFKA_SECURITY_PROTOCOL, NIXPROC_KAFKA_USER, NIXPROC_KAFKA_PASSWORD"
					+ "(_FILE): " + e.getMessage(), e);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		security.clientProperties().forEach((key, value) -> properties.put("spring.kafka.properties." + key, value));
		return properties;
	}

}

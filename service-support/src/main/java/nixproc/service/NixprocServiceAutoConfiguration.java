package nixproc.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.service.kafka.KafkaReachabilityHealthIndicator;
import nixproc.service.problem.BodySizeLimitFilter;
import nixproc.service.problem.ProblemAdvice;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** Beans every nixproc service gets by depending on {@code service-support}. */
@AutoConfiguration
public class NixprocServiceAutoConfiguration {

	@Bean(name = "kafkaHealthIndicator")
	KafkaReachabilityHealthIndicator kafkaHealthIndicator(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
			@Value("${nixproc.kafka.health-timeout:3s}") Duration timeout, Environment environment) {
		Map<String, String> security = new HashMap<>();
		for (String key : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.type",
				"ssl.truststore.location")) {
			Optional.ofNullable(environment.getProperty("spring.kafka.properties." + key))
				.ifPresent(value -> security.put(key, value));
		}
		return new KafkaReachabilityHealthIndicator(bootstrapServers, security, timeout);
	}

	@Bean
	ProblemAdvice problemAdvice() {
		return new ProblemAdvice();
	}

	/** Before security: an oversized body is refused without being read, whoever sends it. */
	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
			@Value("${nixproc.http.max-request-bytes:1048576}") long maxBytes, JsonMapper json) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(maxBytes, json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}

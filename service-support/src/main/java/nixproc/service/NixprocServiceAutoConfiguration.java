package nixproc.service;

import java.time.Duration;

import nixproc.service.kafka.KafkaReachabilityHealthIndicator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Beans every nixproc service gets by depending on {@code service-support}. */
@AutoConfiguration
public class NixprocServiceAutoConfiguration {

	@Bean(name = "kafkaHealthIndicator")
	KafkaReachabilityHealthIndicator kafkaHealthIndicator(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
			@Value("${nixproc.kafka.health-timeout:3s}") Duration timeout) {
		return new KafkaReachabilityHealthIndicator(bootstrapServers, timeout);
	}

}

package nixproc.service;

import java.time.Duration;

import nixproc.service.kafka.KafkaReachabilityHealthIndicator;
import nixproc.testsupport.IntegrationServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

	@Test
	void anUnreachableDatabaseIsNamedAndStopsTheService(CapturedOutput output) {
		SpringApplication app = new SpringApplication(MinimalService.class);
		long started = System.nanoTime();
		assertThatThrownBy(() -> app.run("--spring.config.import=classpath:nixproc-service.yml", "--nixproc.db.schema=t",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nixproc", "--server.port=0",
				"--spring.datasource.hikari.connection-timeout=2000",
				"--nixproc.security.bootstrap-admin-token=" + ApiClient.ADMIN))
			.isInstanceOf(RuntimeException.class);
		assertThat(output).contains("Cannot reach the database at jdbc:postgresql://127.0.0.1:1/nixproc as user 'nixproc'")
			.contains("NIXPROC_DB_URL");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
	}

	@Test
	void nixprocLogFormatSwitchesToStructuredJson(CapturedOutput output) {
		System.setProperty("NIXPROC_LOG_FORMAT", "ecs");
		try {
			SpringApplication app = new SpringApplication(MinimalService.class);
			assertThatThrownBy(() -> app.run("--spring.config.import=classpath:nixproc-service.yml",
					"--nixproc.db.schema=t", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nixproc",
					"--server.port=0", "--spring.datasource.hikari.connection-timeout=2000",
				"--nixproc.security.bootstrap-admin-token=" + ApiClient.ADMIN))
				.isInstanceOf(RuntimeException.class);
		}
		finally {
			System.clearProperty("NIXPROC_LOG_FORMAT");
		}
		assertThat(output.getOut().lines().filter(line -> line.startsWith("{\"@timestamp\"")))
			.anySatisfy(line -> assertThat(line).contains("\"log\":{\"level\":"));
	}

	@Test
	void anUnreachableBrokerIsDownWithItsAddress() {
		try (KafkaReachabilityHealthIndicator indicator = new KafkaReachabilityHealthIndicator("127.0.0.1:1",
				Duration.ofMillis(800))) {
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("bootstrapServers", "127.0.0.1:1");
			assertThat(String.valueOf(health.getDetails().get("error"))).contains("Kafka broker at 127.0.0.1:1 unreachable");
		}
	}

	@Test
	void aReachableBrokerIsUp() {
		String bootstrap = IntegrationServices.get().newKafka().bootstrapServers();
		try (KafkaReachabilityHealthIndicator indicator = new KafkaReachabilityHealthIndicator(bootstrap,
				Duration.ofSeconds(10))) {
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("brokers", 1);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class MinimalService {

	}

}

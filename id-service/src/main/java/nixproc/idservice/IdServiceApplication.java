package nixproc.idservice;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.annotation.EnableAsync;

/** Hands out ports, UIDs and GIDs for a network of machines; see {@code nixproc.idservice.pool} and {@code .assignment}. */
@SpringBootApplication
// the Kafka externaliser runs after commit on its own thread, so a request does not wait for the broker
@EnableAsync
public class IdServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(IdServiceApplication.class, args);
	}

	/**
	 * Plain JDBC transactions: the service has no JPA entity (every store is {@code JdbcTemplate}, and so is the event
	 * publication registry), and the JPA transaction manager the shared starter would install costs a few
	 * milliseconds per transaction (EntityManager, flush) — more than the rest of an assignment. The same connection
	 * carries the holdings and the outbox row, so they still commit together.
	 */
	@Bean
	JdbcTransactionManager transactionManager(DataSource dataSource) {
		return new JdbcTransactionManager(dataSource);
	}

}

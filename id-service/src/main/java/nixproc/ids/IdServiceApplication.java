package nixproc.ids;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/** Hands out ports, UIDs and GIDs for a network of machines; see {@code nixproc.ids.pool} and {@code .assignment}. */
@SpringBootApplication
// the Kafka externaliser runs after commit on its own thread, so a request does not wait for the broker
@EnableAsync
public class IdServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(IdServiceApplication.class, args);
	}

}

package nixproc.models;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ModelServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ModelServiceApplication.class, args);
	}

}

package nixproc.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Secrets given as files, the way Docker and Kubernetes mount them: {@code <SECRET>_FILE=/run/secrets/x} stands for
 * {@code <SECRET>} with the file's content (trailing newline stripped), for each of {@link #SECRETS}. A secret then
 * never sits in the process's environment, where {@code ps e} and {@code /proc/<pid>/environ} show it. Giving both
 * forms of one variable, or a file that cannot be read, stops the service at start with a message naming the
 * variable. (Other {@code *_FILE} variables, such as {@code NIXPROC_COORDINATOR_KEY_FILE}, name files in their own
 * right.)
 */
public final class SecretFiles implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "nixprocSecretFiles";

	/** The variables that may be given as files. */
	static final List<String> SECRETS = List.of("NIXPROC_DB_PASSWORD", "NIXPROC_BOOTSTRAP_ADMIN_TOKEN",
			"NIXPROC_SERVICE_TOKEN", "NIXPROC_KAFKA_PASSWORD");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> secrets = resolve(environment.getSystemEnvironment());
		if (!secrets.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, secrets));
		}
	}

	/** {@code NIXPROC_X} → the content of the file {@code NIXPROC_X_FILE} names, for each such variable. */
	static Map<String, Object> resolve(Map<String, Object> environment) {
		Map<String, Object> secrets = new TreeMap<>();
		for (String variable : SECRETS) {
			String name = variable + "_FILE";
			Object value = environment.get(name);
			if (value == null || String.valueOf(value).isBlank()) {
				continue;
			}
			if (environment.containsKey(variable)) {
				throw new IllegalStateException("both " + variable + " and " + name + " are set; give one of them");
			}
			Path file = Path.of(String.valueOf(value));
			try {
				secrets.put(variable, Files.readString(file, StandardCharsets.UTF_8).strip());
			}
			catch (IOException e) {
				throw new IllegalStateException(name + ": cannot read " + file + " (" + e + ")", e);
			}
		}
		return secrets;
	}

}

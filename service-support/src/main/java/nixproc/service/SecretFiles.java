package nixproc.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Secrets given as files, the way Docker and Kubernetes mount them: {@code NIXPROC_<NAME>_FILE=/run/secrets/x} stands
 * for {@code NIXPROC_<NAME>} with the file's content (trailing newline stripped), e.g.
 * {@code NIXPROC_DB_PASSWORD_FILE}, {@code NIXPROC_BOOTSTRAP_ADMIN_TOKEN_FILE}, {@code NIXPROC_SERVICE_TOKEN_FILE},
 * {@code NIXPROC_KAFKA_PASSWORD_FILE}. A secret then never sits in the process's environment, where {@code ps e} and
 * {@code /proc/<pid>/environ} show it. Giving both forms of one variable, or a file that cannot be read, stops the
 * service at start with a message naming the variable.
 */
public final class SecretFiles implements EnvironmentPostProcessor {

	static final String SOURCE = "nixprocSecretFiles";

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
		environment.forEach((name, value) -> {
			if (!name.startsWith("NIXPROC_") || !name.endsWith("_FILE") || String.valueOf(value).isBlank()) {
				return;
			}
			String variable = name.substring(0, name.length() - "_FILE".length());
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
		});
		return secrets;
	}

}

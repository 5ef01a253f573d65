package nixproc.events;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a nixproc Kafka client authenticates to the broker (issue 17): not at all ({@code PLAINTEXT}, for a broker only
 * trusted parts can reach, as the tests' brokers), or with SASL, a user and a password ({@code SCRAM-SHA-512} unless
 * said otherwise), over plain TCP ({@code SASL_PLAINTEXT}) or TLS ({@code SASL_SSL}, optionally trusting a PEM file of
 * certificates). What each user may then do is the broker's ACLs' business ({@code infra/kafka/acls.txt}).
 *
 * @param protocol Kafka's {@code security.protocol}
 * @param mechanism Kafka's {@code sasl.mechanism}
 * @param user the SASL user; present exactly when the protocol is a SASL one
 * @param password its password; never printed
 * @param trustStore PEM certificates to trust for TLS, instead of the JVM's
 */
public record KafkaSecurity(String protocol, String mechanism, Optional<String> user, Optional<String> password,
		Optional<Path> trustStore) {

	/** Kafka's security protocols. */
	public static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

	/** The SASL mechanisms with a user and password. */
	public static final List<String> MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

	public static final KafkaSecurity NONE = new KafkaSecurity("PLAINTEXT", "SCRAM-SHA-512", Optional.empty(),
			Optional.empty(), Optional.empty());

	public KafkaSecurity {
		if (!PROTOCOLS.contains(protocol)) {
			throw new IllegalArgumentException("security protocol: one of " + PROTOCOLS + ", not " + protocol);
		}
		if (!MECHANISMS.contains(mechanism)) {
			throw new IllegalArgumentException("SASL mechanism: one of " + MECHANISMS + ", not " + mechanism);
		}
		boolean sasl = protocol.startsWith("SASL_");
		if (sasl && (user.isEmpty() || password.isEmpty())) {
			throw new IllegalArgumentException("security protocol " + protocol + " needs a user and a password");
		}
		if (!sasl && user.isPresent()) {
			throw new IllegalArgumentException("a user is given, but security protocol " + protocol
					+ " does not authenticate with one (SASL_PLAINTEXT or SASL_SSL does)");
		}
	}

	/**
	 * From configuration: the protocol defaults to {@code SASL_PLAINTEXT} when a user is given, else
	 * {@code PLAINTEXT}; the mechanism to {@code SCRAM-SHA-512}.
	 *
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static KafkaSecurity of(Optional<String> protocol, Optional<String> mechanism, Optional<String> user,
			Optional<String> password, Optional<Path> trustStore) {
		return new KafkaSecurity(protocol.orElse(user.isPresent() ? "SASL_PLAINTEXT" : "PLAINTEXT"),
				mechanism.orElse("SCRAM-SHA-512"), user, password, trustStore);
	}

	/** The Kafka client properties that say all this ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). */
	public Map<String, Object> clientProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("security.protocol", protocol);
		if (protocol.startsWith("SASL_")) {
			properties.put("sasl.mechanism", mechanism);
			String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
					: "org.apache.kafka.common.security.scram.ScramLoginModule";
			properties.put("sasl.jaas.config", module + " required username=\"" + quoted(user.orElseThrow())
					+ "\" password=\"" + quoted(password.orElseThrow()) + "\";");
		}
		trustStore.ifPresent(file -> {
			properties.put("ssl.truststore.type", "PEM");
			properties.put("ssl.truststore.location", file.toString());
		});
		return properties;
	}

	private static String quoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	@Override
	public String toString() {
		return "KafkaSecurity[" + protocol + (user.map(u -> " " + mechanism + " as " + u).orElse("")) + "]";
	}

}

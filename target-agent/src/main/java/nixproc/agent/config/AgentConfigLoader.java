package nixproc.agent.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import nixproc.events.Ed25519Keys;
import nixproc.events.KafkaSecurity;
import nixproc.model.BackendKind;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code agent.yml} and applies the environment: {@code NIXPROC_AGENT_<KEY>} (the key in upper snake case,
 * e.g. {@code NIXPROC_AGENT_KAFKA_BOOTSTRAP}) overrides each key; {@code NIXPROC_AGENT_PROPERTIES} is a YAML or JSON
 * object. Unknown keys are errors, because a misspelt {@code privilegded: true} silently ignored is worse.
 */
public final class AgentConfigLoader {

	/** The keys of api.md, plus {@code topicPrefix} and the broker's authentication ({@code kafka*}). */
	static final List<String> KEYS = List.of("target", "kafkaBootstrap", "stateDir", "processManager", "privileged",
			"properties", "coordinatorPublicKey", "heartbeatSeconds", "topicPrefix", "stopProcessesOnExit",
			"kafkaSecurityProtocol", "kafkaSaslMechanism", "kafkaUser", "kafkaPasswordFile", "kafkaTrustStore");

	private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final Map<String, String> env;

	public AgentConfigLoader(Map<String, String> env) {
		this.env = env;
	}

	public AgentConfig load(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new ConfigException("cannot read agent configuration " + file + ": " + e);
		}
		return load(text, file.toString(), Optional.ofNullable(file.toAbsolutePath().getParent()));
	}

	/** @param origin named in messages; @param baseDir resolves a relative key file path */
	public AgentConfig load(String yaml, String origin, Optional<Path> baseDir) {
		Map<String, Value> values = new LinkedHashMap<>();
		JsonNode root;
		try {
			root = yaml.isBlank() ? YAML.createObjectNode() : YAML.readTree(yaml);
		}
		catch (JacksonException e) {
			throw new ConfigException(origin + ": not YAML: " + e.getOriginalMessage());
		}
		if (!root.isObject()) {
			throw new ConfigException(origin + ": must be a mapping of " + KEYS);
		}
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			if (!KEYS.contains(entry.getKey())) {
				throw new ConfigException(origin + ": unknown key " + entry.getKey() + "; known keys: " + KEYS);
			}
			values.put(entry.getKey(), new Value(entry.getValue(), origin));
		}
		for (String key : KEYS) {
			String variable = variable(key);
			String override = env.get(variable);
			if (override != null) {
				JsonNode node = key.equals("properties") ? parseProperties(override, variable)
						: YAML.getNodeFactory().stringNode(override);
				values.put(key, new Value(node, "environment variable " + variable));
			}
		}
		return build(values, baseDir);
	}

	static String variable(String key) {
		return "NIXPROC_AGENT_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
	}

	private AgentConfig build(Map<String, Value> values, Optional<Path> baseDir) {
		String target = required(values, "target");
		if (!TARGET.matcher(target).matches()) {
			throw problem(values, "target", "must match " + TARGET.pattern() + ", was " + target);
		}
		String bootstrap = optional(values, "kafkaBootstrap")
			.orElseGet(() -> env.getOrDefault("NIXPROC_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
		Path stateDir;
		try {
			stateDir = Path.of(required(values, "stateDir"));
		}
		catch (InvalidPathException e) {
			throw problem(values, "stateDir", "not a path: " + e.getMessage());
		}
		String processManager = optional(values, "processManager").orElse("auto");
		if (!processManager.equals("auto") && BackendKind.byId(processManager).isEmpty()) {
			throw problem(values, "processManager", "unknown process manager " + processManager + "; use auto or one of "
					+ List.of(BackendKind.values()));
		}
		boolean privileged = optional(values, "privileged").map(v -> bool(values, v)).orElse(false);
		Map<String, String> properties = properties(values);
		List<PublicKey> keys = coordinatorKeys(values, baseDir);
		long seconds = optional(values, "heartbeatSeconds").map(v -> positive(values, v)).orElse(5L);
		String prefix = optional(values, "topicPrefix").orElse("");
		boolean stopProcessesOnExit = optional(values, "stopProcessesOnExit").map(v -> bool(values, v)).orElse(false);
		KafkaSecurity kafka = kafkaSecurity(values, baseDir);
		return new AgentConfig(target, bootstrap, stateDir, processManager, privileged, properties, keys,
				Duration.ofSeconds(seconds), prefix, stopProcessesOnExit, kafka);
	}

	/**
	 * {@code coordinatorPublicKey}: a key (base64) or a file, or a list of those while the coordinator's key is being
	 * rotated (the old and the new one); a file may hold several keys (PEM blocks, or one base64 key a line).
	 */
	private List<PublicKey> coordinatorKeys(Map<String, Value> values, Optional<Path> baseDir) {
		Value value = values.get("coordinatorPublicKey");
		if (value == null || value.node().isNull()) {
			throw new ConfigException("coordinatorPublicKey: required (in agent.yml or as "
					+ variable("coordinatorPublicKey") + ")");
		}
		List<String> entries = new ArrayList<>();
		if (value.node().isArray()) {
			value.node().forEach(item -> entries.add(item.isValueNode() ? item.asString() : ""));
		}
		else if (value.node().isValueNode()) {
			entries.add(value.node().asString());
		}
		if (entries.isEmpty() || entries.stream().anyMatch(String::isBlank)) {
			throw problem(values, "coordinatorPublicKey", "must be a key or a file, or a list of keys and files");
		}
		List<PublicKey> keys = new ArrayList<>();
		for (String entry : entries) {
			keys.addAll(coordinatorKey(values, entry.strip(), baseDir));
		}
		return keys;
	}

	private List<PublicKey> coordinatorKey(Map<String, Value> values, String text, Optional<Path> baseDir) {
		// base64 has no '/'-free guarantee, so a path is recognised by existing as a file
		Optional<Path> file = Optional.empty();
		try {
			Path candidate = baseDir.map(dir -> dir.resolve(text)).orElse(Path.of(text));
			if (Files.isRegularFile(candidate)) {
				file = Optional.of(candidate);
			}
		}
		catch (InvalidPathException e) {
			// not a path: base64 then
		}
		try {
			if (file.isPresent()) {
				return Ed25519Keys.publicKeys(Files.readString(file.get(), StandardCharsets.US_ASCII));
			}
			return List.of(Ed25519Keys.publicKey(text));
		}
		catch (IOException e) {
			throw problem(values, "coordinatorPublicKey", "cannot read " + file.get() + ": " + e);
		}
		catch (IllegalArgumentException e) {
			throw problem(values, "coordinatorPublicKey",
					(file.isPresent() ? "file " + file.get() + ": " : "neither an existing file nor ") + e.getMessage());
		}
	}

	/**
	 * The broker's authentication: {@code kafkaUser} and the file holding its password ({@code kafkaPasswordFile};
	 * the password itself is never a key, so that agent.yml may be readable), SASL_PLAINTEXT and SCRAM-SHA-512
	 * unless {@code kafkaSecurityProtocol} and {@code kafkaSaslMechanism} say otherwise; {@code kafkaTrustStore}, PEM
	 * certificates for TLS.
	 */
	private KafkaSecurity kafkaSecurity(Map<String, Value> values, Optional<Path> baseDir) {
		Optional<String> user = optional(values, "kafkaUser");
		Optional<String> password = Optional.empty();
		Optional<String> file = optional(values, "kafkaPasswordFile");
		if (file.isPresent()) {
			Path path = baseDir.map(dir -> dir.resolve(file.get())).orElse(Path.of(file.get()));
			try {
				password = Optional.of(Files.readString(path, StandardCharsets.UTF_8).strip());
			}
			catch (IOException e) {
				throw problem(values, "kafkaPasswordFile", "cannot read " + path + ": " + e);
			}
		}
		try {
			return KafkaSecurity.of(optional(values, "kafkaSecurityProtocol"), optional(values, "kafkaSaslMechanism"),
					user, password, optional(values, "kafkaTrustStore").map(Path::of));
		}
		catch (IllegalArgumentException e) {
			String key = values.containsKey("kafkaSecurityProtocol") ? "kafkaSecurityProtocol"
					: values.containsKey("kafkaUser") ? "kafkaUser" : "kafkaSaslMechanism";
			if (!values.containsKey(key)) {
				throw new ConfigException("kafka: " + e.getMessage());
			}
			throw problem(values, key, e.getMessage() + (password.isEmpty() && user.isPresent()
					? " (kafkaPasswordFile names the file that holds the password)" : ""));
		}
	}

	private Map<String, String> properties(Map<String, Value> values) {
		Map<String, String> properties = new LinkedHashMap<>();
		Value value = values.get("properties");
		if (value != null) {
			if (!value.node().isObject()) {
				throw problem(values, "properties", "must be a mapping of name to value");
			}
			value.node().properties().forEach(e -> properties.put(e.getKey(), e.getValue().asString()));
		}
		properties.computeIfAbsent("hostname", k -> localHostName());
		return properties;
	}

	private static String localHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "localhost";
		}
	}

	private static JsonNode parseProperties(String text, String variable) {
		try {
			return YAML.readTree(text);
		}
		catch (JacksonException e) {
			throw new ConfigException(variable + ": not a YAML/JSON mapping: " + e.getOriginalMessage());
		}
	}

	private static String required(Map<String, Value> values, String key) {
		return optional(values, key).orElseThrow(() -> new ConfigException(
				key + ": required (in agent.yml or as " + variable(key) + ")"));
	}

	private static Optional<String> optional(Map<String, Value> values, String key) {
		Value value = values.get(key);
		if (value == null || value.node().isNull()) {
			return Optional.empty();
		}
		if (!value.node().isValueNode()) {
			throw problem(values, key, "must be a single value");
		}
		return Optional.of(value.node().asString()).filter(s -> !s.isBlank());
	}

	private static boolean bool(Map<String, Value> values, String text) {
		if (text.equals("true") || text.equals("false")) {
			return Boolean.parseBoolean(text);
		}
		throw problem(values, "privileged", "must be true or false, was " + text);
	}

	private static long positive(Map<String, Value> values, String text) {
		try {
			long n = Long.parseLong(text);
			if (n > 0) {
				return n;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw problem(values, "heartbeatSeconds", "must be a positive whole number of seconds, was " + text);
	}

	private static ConfigException problem(Map<String, Value> values, String key, String message) {
		return new ConfigException(key + " (from " + values.get(key).origin() + "): " + message);
	}

	private record Value(JsonNode node, String origin) {
	}

}

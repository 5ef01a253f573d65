package nixproc.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import nixproc.events.Jcs;
import nixproc.model.ManagedProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of a model set whatever notation it was written in: every default Disnix applies made
 * explicit ({@code type}, {@code numOfCores}, pool {@code step} and {@code scope}), distribution entries as
 * {@code {target, container?}} objects, absent and empty optional fields left out, and RFC 8785 (JCS) text so the
 * same content always has the same bytes and the same SHA-256. The canonical form is itself a valid model set.
 */
public final class CanonicalForm {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final ObjectMapper PKG = JsonMapper.builder()
		.changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
				JsonInclude.Include.NON_ABSENT))
		.build();

	/** Fields of a managed process whose empty value means the same as leaving them out. */
	private static final List<String> EMPTY_MEANS_ABSENT = List.of("args", "foregroundProcessExtraArgs",
			"daemonExtraArgs", "initialize", "environment", "dependencies", "path", "credentials", "overrides",
			"postInstall", "configFiles");

	private CanonicalForm() {
	}

	public static ObjectNode toJson(DeploymentModel model) {
		ObjectNode root = NODES.objectNode();
		ObjectNode services = root.putObject("services");
		model.services().forEach((name, service) -> services.set(name, service(service)));
		ObjectNode infrastructure = root.putObject("infrastructure");
		model.infrastructure().forEach((name, target) -> infrastructure.set(name, target(target)));
		ObjectNode distribution = root.putObject("distribution");
		model.distribution().forEach((name, mappings) -> {
			ArrayNode list = distribution.putArray(name);
			mappings.forEach(mapping -> {
				ObjectNode entry = list.addObject().put("target", mapping.target());
				mapping.container().ifPresent(c -> entry.put("container", c));
			});
		});
		ObjectNode pools = root.putObject("idResources");
		model.idResources().forEach((name, pool) -> pools.putObject(name)
			.put("min", pool.min())
			.put("max", pool.max())
			.put("step", pool.step())
			.put("scope", pool.scope().id()));
		return root;
	}

	/** The RFC 8785 text of {@link #toJson}. */
	public static String text(DeploymentModel model) {
		return Jcs.canonicalize(toJson(model));
	}

	/** Lower-case hex SHA-256 of the canonical text: the id of a revision. */
	public static String sha256(String canonicalText) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(canonicalText.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
	}

	static ObjectNode service(Service service) {
		ObjectNode node = NODES.objectNode();
		service.properties().forEach(node::set);
		node.put("name", service.name());
		node.put("type", service.type());
		node.set("pkg", pkg(service.pkg()));
		references(node, "dependsOn", service.dependsOn());
		references(node, "connectsTo", service.connectsTo());
		references(node, "activatesAfter", service.activatesAfter());
		if (!service.requiresUniqueIdsFor().isEmpty()) {
			ArrayNode ids = node.putArray("requiresUniqueIdsFor");
			service.requiresUniqueIdsFor().forEach(ids::add);
		}
		return node;
	}

	static ObjectNode target(Target target) {
		ObjectNode node = NODES.objectNode();
		ObjectNode properties = node.putObject("properties");
		target.properties().forEach(properties::set);
		target.processManager().ifPresent(pm -> node.put("processManager", pm));
		target.system().ifPresent(system -> node.put("system", system));
		node.put("numOfCores", target.numOfCores());
		if (!target.containers().isEmpty()) {
			ObjectNode containers = node.putObject("containers");
			target.containers().forEach(containers::set);
		}
		return node;
	}

	/** A managed process as JSON with only what was given. */
	public static ObjectNode pkg(ManagedProcess process) {
		ObjectNode node = (ObjectNode) PKG.valueToTree(process);
		for (String field : EMPTY_MEANS_ABSENT) {
			JsonNode value = node.get(field);
			// isEmpty() is true for every scalar node, so strings are checked by their text
			if (value != null && (value.isContainer() && value.isEmpty() || value.isString() && value.stringValue().isEmpty()
					|| field.equals("credentials") && process.credentials().isEmpty())) {
				node.remove(field);
			}
		}
		if (node.get("credentials") instanceof ObjectNode credentials) {
			credentials.remove("empty");
		}
		return node;
	}

	private static void references(ObjectNode node, String field, Map<String, String> references) {
		if (!references.isEmpty()) {
			ObjectNode out = node.putObject(field);
			references.forEach(out::put);
		}
	}

}

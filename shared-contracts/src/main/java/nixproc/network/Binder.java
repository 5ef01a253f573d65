package nixproc.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.model.ManagedProcess;
import nixproc.model.ModelException;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.network.DeploymentReader.Part;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Binds the four model trees to records, collecting every shape problem (wrong types, unknown fields). */
final class Binder {

	private static final ObjectMapper PKG = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// 1.5 is not a timeout or a port; Jackson would quietly make it 1
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.build();

	private final List<Problem> problems = new ArrayList<>();

	private Binder() {
	}

	static DeploymentModel bind(Map<Part, JsonNode> trees, List<Problem> earlier) {
		Binder binder = new Binder();
		binder.problems.addAll(earlier);
		DeploymentModel model = new DeploymentModel(
				binder.each(trees.get(Part.SERVICES), "/services", "service", binder::service),
				binder.each(trees.get(Part.INFRASTRUCTURE), "/infrastructure", "target", binder::target),
				binder.each(trees.get(Part.DISTRIBUTION), "/distribution", "mapping list", binder::mappings),
				trees.containsKey(Part.ID_RESOURCES)
						? binder.each(trees.get(Part.ID_RESOURCES), "/idResources", "pool", binder::pool) : Map.of());
		if (!binder.problems.isEmpty()) {
			throw new ModelException(binder.problems);
		}
		return model;
	}

	private interface Entry<T> {

		Optional<T> read(String key, JsonNode value, String at);

	}

	private <T> Map<String, T> each(@Nullable JsonNode tree, String at, String what, Entry<T> entry) {
		Map<String, T> out = new LinkedHashMap<>();
		if (tree == null) {
			return out;
		}
		if (!tree.isObject()) {
			problem(at, "must be an object of name to " + what + ", not " + kind(tree));
			return out;
		}
		tree.properties().forEach(e -> entry.read(e.getKey(), e.getValue(), Pointers.child(at, e.getKey()))
			.ifPresent(value -> out.put(e.getKey(), value)));
		return out;
	}

	private Optional<Service> service(String key, JsonNode node, String at) {
		if (!node.isObject()) {
			return fail(at, "a service is an object with name, type, pkg, dependsOn, connectsTo, activatesAfter, "
					+ "requiresUniqueIdsFor and free properties, not " + kind(node));
		}
		int before = problems.size();
		String name = key;
		String type = Service.DEFAULT_TYPE;
		ManagedProcess pkg = ManagedProcess.empty();
		boolean hasPkg = false;
		Map<String, String> dependsOn = Map.of();
		Map<String, String> connectsTo = Map.of();
		Map<String, String> activatesAfter = Map.of();
		List<String> ids = List.of();
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (var field : node.properties()) {
			String fieldAt = Pointers.child(at, field.getKey());
			JsonNode value = field.getValue();
			switch (field.getKey()) {
				case "name" -> name = string(value, fieldAt).orElse(key);
				case "type" -> type = string(value, fieldAt).orElse(type);
				case "pkg" -> {
					hasPkg = true;
					pkg = pkg(value, fieldAt).orElse(pkg);
				}
				case "dependsOn" -> dependsOn = references(value, fieldAt);
				case "connectsTo" -> connectsTo = references(value, fieldAt);
				case "activatesAfter" -> activatesAfter = references(value, fieldAt);
				case "requiresUniqueIdsFor" -> ids = strings(value, fieldAt);
				case "targets", "providesContainer", "providesContainers", "deployState" -> problem(fieldAt,
						"Disnix's " + field.getKey() + " is not supported here"
								+ (field.getKey().equals("targets") ? "; map services to targets in the distribution model" : ""));
				default -> properties.put(field.getKey(), value);
			}
		}
		if (!hasPkg) {
			problem(Pointers.child(at, "pkg"), "missing: every service needs its managed process");
		}
		if (problems.size() > before) {
			return Optional.empty();
		}
		return Optional.of(new Service(name, type, pkg, dependsOn, connectsTo, activatesAfter, ids, properties));
	}

	private Optional<Target> target(String key, JsonNode node, String at) {
		if (!node.isObject()) {
			return fail(at, "a target is an object with properties, processManager, system, numOfCores and containers, not "
					+ kind(node));
		}
		int before = problems.size();
		Map<String, JsonNode> properties = Map.of();
		Optional<String> processManager = Optional.empty();
		Optional<String> system = Optional.empty();
		int cores = 1;
		Map<String, ObjectNode> containers = new LinkedHashMap<>();
		for (var field : node.properties()) {
			String fieldAt = Pointers.child(at, field.getKey());
			JsonNode value = field.getValue();
			switch (field.getKey()) {
				case "properties" -> {
					if (value.isObject()) {
						properties = DeploymentReader.fields(value);
					}
					else {
						problem(fieldAt, "must be an object of machine properties, not " + kind(value));
					}
				}
				case "processManager" -> processManager = string(value, fieldAt);
				case "system" -> system = string(value, fieldAt);
				case "numOfCores" -> {
					if (value.isIntegralNumber() && value.canConvertToInt()) {
						cores = value.intValue();
					}
					else {
						problem(fieldAt, "must be a whole number, not " + kind(value));
					}
				}
				case "containers" -> {
					if (!value.isObject()) {
						problem(fieldAt, "must be an object of container name to its properties, not " + kind(value));
						continue;
					}
					value.properties().forEach(c -> {
						if (c.getValue() instanceof ObjectNode container) {
							containers.put(c.getKey(), container);
						}
						else {
							problem(Pointers.child(fieldAt, c.getKey()), "a container is an object of properties, not "
									+ kind(c.getValue()));
						}
					});
				}
				default -> problem(fieldAt, "not an infrastructure field; put machine properties under properties");
			}
		}
		if (problems.size() > before) {
			return Optional.empty();
		}
		return Optional.of(new Target(properties, processManager, system, cores, containers));
	}

	/** Disnix's simple form (a list of targets) and advanced form ({@code {targets: [{target, container}]}}). */
	private Optional<List<Placement>> mappings(String key, JsonNode node, String at) {
		JsonNode list = node;
		String listAt = at;
		if (node.isObject() && node.has("targets") && node.size() == 1) {
			list = node.get("targets");
			listAt = Pointers.child(at, "targets");
		}
		if (!list.isArray()) {
			return fail(at, "a distribution entry is a list of target names or {target, container} objects, not "
					+ kind(node));
		}
		int before = problems.size();
		List<Placement> out = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			JsonNode entry = list.get(i);
			String entryAt = Pointers.child(listAt, i);
			if (entry.isString()) {
				out.add(Placement.to(entry.stringValue()));
			}
			else if (entry.isObject() && entry.has("target")) {
				Optional<String> target = string(entry.get("target"), Pointers.child(entryAt, "target"));
				Optional<String> container = entry.has("container")
						? string(entry.get("container"), Pointers.child(entryAt, "container")) : Optional.empty();
				for (String field : entry.propertyNames()) {
					if (!field.equals("target") && !field.equals("container")) {
						problem(Pointers.child(entryAt, field), "a mapping has only target and container");
					}
				}
				target.ifPresent(t -> out.add(new Placement(t, container)));
			}
			else {
				problem(entryAt, "must be a target name or {target, container}, not " + kind(entry));
			}
		}
		return problems.size() > before ? Optional.empty() : Optional.of(out);
	}

	private Optional<IdResource> pool(String key, JsonNode node, String at) {
		if (!node.isObject()) {
			return fail(at, "a pool is an object with min, max, step and scope, not " + kind(node));
		}
		int before = problems.size();
		long min = 0;
		long max = 0;
		long step = 1;
		IdResource.Scope scope = IdResource.Scope.GLOBAL;
		boolean hasMin = false;
		boolean hasMax = false;
		for (var field : node.properties()) {
			String fieldAt = Pointers.child(at, field.getKey());
			JsonNode value = field.getValue();
			switch (field.getKey()) {
				case "min", "max", "step" -> {
					if (!value.isIntegralNumber() || !value.canConvertToLong()) {
						problem(fieldAt, "must be a whole number, not " + kind(value));
						continue;
					}
					switch (field.getKey()) {
						case "min" -> {
							min = value.longValue();
							hasMin = true;
						}
						case "max" -> {
							max = value.longValue();
							hasMax = true;
						}
						default -> step = value.longValue();
					}
				}
				case "scope" -> {
					String text = string(value, fieldAt).orElse("");
					if (text.equals("machine")) {
						scope = IdResource.Scope.MACHINE;
					}
					else if (!text.equals("global") && value.isString()) {
						problem(fieldAt, "must be global or machine, not " + text);
					}
				}
				default -> problem(fieldAt, "not a pool field; a pool has min, max, step and scope");
			}
		}
		if (!hasMin) {
			problem(Pointers.child(at, "min"), "missing: a pool needs min");
		}
		if (!hasMax) {
			problem(Pointers.child(at, "max"), "missing: a pool needs max");
		}
		return problems.size() > before ? Optional.empty() : Optional.of(new IdResource(min, max, step, scope));
	}

	private Optional<ManagedProcess> pkg(JsonNode node, String at) {
		if (!node.isObject()) {
			return fail(at, "pkg is a managed process, an object, not " + kind(node));
		}
		try {
			return Optional.of(PKG.treeToValue(node, ManagedProcess.class));
		}
		catch (UnrecognizedPropertyException e) {
			return fail(Pointers.of(at, e.getPath()), "not a managed-process field");
		}
		catch (JacksonException e) {
			return fail(Pointers.of(at, e.getPath()), "wrong type: " + Documents.describe(e));
		}
	}

	/** {@code dependsOn}-style maps; a list of names is accepted as shorthand for name → name. */
	private Map<String, String> references(JsonNode node, String at) {
		Map<String, String> out = new LinkedHashMap<>();
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				string(node.get(i), Pointers.child(at, i)).ifPresent(name -> out.put(name, name));
			}
			return out;
		}
		if (!node.isObject()) {
			problem(at, "must be an object of parameter name to service name, not " + kind(node));
			return out;
		}
		node.properties().forEach(e -> string(e.getValue(), Pointers.child(at, e.getKey()))
			.ifPresent(service -> out.put(e.getKey(), service)));
		return out;
	}

	private List<String> strings(JsonNode node, String at) {
		if (!node.isArray()) {
			problem(at, "must be a list of names, not " + kind(node));
			return List.of();
		}
		List<String> out = new ArrayList<>();
		for (int i = 0; i < node.size(); i++) {
			string(node.get(i), Pointers.child(at, i)).ifPresent(out::add);
		}
		return out;
	}

	private Optional<String> string(JsonNode node, String at) {
		if (!node.isString()) {
			return fail(at, "must be a string, not " + kind(node));
		}
		return Optional.of(node.stringValue());
	}

	private <T> Optional<T> fail(String at, String message) {
		problem(at, message);
		return Optional.empty();
	}

	private void problem(String at, String message) {
		problems.add(new Problem(at, message));
	}

	static String kind(JsonNode node) {
		if (node.isObject()) {
			return "an object";
		}
		if (node.isArray()) {
			return "a list";
		}
		if (node.isString()) {
			return "a string";
		}
		if (node.isNumber()) {
			return "a number";
		}
		if (node.isBoolean()) {
			return "a boolean";
		}
		return node.isNull() ? "null" : node.getNodeType().toString().toLowerCase();
	}

}

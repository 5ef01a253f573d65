package nixproc.coordinator.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nixproc.events.Jcs;
import nixproc.network.CanonicalForm;
import nixproc.network.DeploymentModel;
import nixproc.network.Placement;
import nixproc.network.Service;
import nixproc.network.Target;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the manifest of a deployment model: one {@link ManifestEntry} per (service, target), rendered and hashed.
 * Services are visited in dependency order (Kahn's algorithm, iterative: a chain may be ten thousand long) so that a
 * dependency's hash is known when its dependents are hashed.
 */
public final class Manifests {

	private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Manifests() {
	}

	/**
	 * @param ids pool → service → ID, as id-service assigns them; empty when the model needs none
	 * @throws PlanException when a reference cannot be resolved
	 */
	public static Manifest build(DeploymentModel model, Map<String, Map<String, Long>> ids) {
		Map<String, List<String>> targetsOf = new HashMap<>();
		model.distribution().forEach((service, mappings) -> targetsOf.put(service,
				mappings.stream().map(Placement::target).distinct().toList()));
		Map<String, String> hashes = new HashMap<>();
		List<ManifestEntry> entries = new ArrayList<>();
		for (String name : dependencyOrder(model)) {
			Service service = model.services().get(name);
			for (String target : targetsOf.getOrDefault(name, List.of())) {
				entries.add(entry(model, service, target, ids, targetsOf, hashes));
			}
		}
		Map<String, Integer> cores = new HashMap<>();
		model.infrastructure().forEach((name, target) -> cores.put(name, target.numOfCores()));
		return Manifest.of(entries, cores);
	}

	private static ManifestEntry entry(DeploymentModel model, Service service, String target,
			Map<String, Map<String, Long>> ids, Map<String, List<String>> targetsOf, Map<String, String> hashes) {
		Context context = new Context(model, service, target, ids, targetsOf);
		String at = "/services/" + service.name();
		ObjectNode process = (ObjectNode) render(CanonicalForm.pkg(service.pkg()), context, at + "/pkg");
		ObjectNode properties = NODES.objectNode();
		service.properties().forEach((k, v) -> properties.set(k, render(v, context, at + "/" + k)));
		Set<String> sameTarget = new TreeSet<>();
		List<String> dependsOn = new ArrayList<>();
		for (String dependency : orderingEdges(service)) {
			for (String depTarget : targetsOf.getOrDefault(dependency, List.of())) {
				dependsOn.add(ManifestEntry.key(dependency, depTarget));
				if (depTarget.equals(target)) {
					sameTarget.add(dependency);
				}
			}
		}
		// the agent's processes model may only name instances on its own target; cross-target order is ours
		for (String declared : service.pkg().dependencies()) {
			if (targetsOf.getOrDefault(declared, List.of()).contains(target)) {
				sameTarget.add(declared);
			}
		}
		process.remove("dependencies");
		if (!sameTarget.isEmpty()) {
			ArrayNode list = process.putArray("dependencies");
			sameTarget.forEach(list::add);
		}
		ObjectNode hashed = NODES.objectNode();
		hashed.put("service", service.name());
		hashed.put("target", target);
		hashed.put("type", service.type());
		hashed.set("process", process);
		hashed.set("properties", properties);
		ArrayNode depHashes = hashed.putArray("dependsOn");
		dependsOn.stream().map(hashes::get).sorted().forEach(depHashes::add);
		String hash = sha256(Jcs.canonicalize(hashed));
		ManifestEntry entry = new ManifestEntry(service.name(), target, process, properties, dependsOn, hash);
		hashes.put(entry.key(), hash);
		return entry;
	}

	/** dependsOn and activatesAfter: the edges that order activation and make hashes depend on each other. */
	static Set<String> orderingEdges(Service service) {
		Set<String> edges = new LinkedHashSet<>(service.dependsOn().values());
		edges.addAll(service.activatesAfter().values());
		return edges;
	}

	private static List<String> dependencyOrder(DeploymentModel model) {
		Map<String, Integer> pending = new HashMap<>();
		Map<String, List<String>> dependents = new HashMap<>();
		model.services().forEach((name, service) -> {
			int count = 0;
			for (String dependency : orderingEdges(service)) {
				if (model.services().containsKey(dependency)) {
					dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(name);
					count++;
				}
			}
			pending.put(name, count);
		});
		Deque<String> ready = new ArrayDeque<>();
		model.services().keySet().stream().filter(n -> pending.get(n) == 0).forEach(ready::add);
		List<String> order = new ArrayList<>(model.services().size());
		while (!ready.isEmpty()) {
			String next = ready.poll();
			order.add(next);
			for (String dependent : dependents.getOrDefault(next, List.of())) {
				if (pending.merge(dependent, -1, Integer::sum) == 0) {
					ready.add(dependent);
				}
			}
		}
		if (order.size() != model.services().size()) {
			throw new PlanException("/services", "the dependsOn/activatesAfter graph has a cycle");
		}
		return order;
	}

	private record Context(DeploymentModel model, Service service, String target, Map<String, Map<String, Long>> ids,
			Map<String, List<String>> targetsOf) {
	}

	private static JsonNode render(JsonNode node, Context context, String at) {
		if (node.isString()) {
			return NODES.stringNode(substitute(node.stringValue(), context, at));
		}
		if (node.isArray()) {
			ArrayNode out = NODES.arrayNode();
			for (int i = 0; i < node.size(); i++) {
				out.add(render(node.get(i), context, at + "/" + i));
			}
			return out;
		}
		if (node.isObject()) {
			ObjectNode out = NODES.objectNode();
			node.properties().forEach(e -> out.set(e.getKey(), render(e.getValue(), context, at + "/" + e.getKey())));
			return out;
		}
		return node;
	}

	private static String substitute(String text, Context context, String at) {
		if (text.indexOf("${") < 0) {
			return text;
		}
		Matcher matcher = REFERENCE.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = resolve(matcher.group(1), context, at);
			matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** The value of one reference, or {@code null} for one the agent resolves ({@code ${stateDir}}, shell's own). */
	private static String resolve(String reference, Context c, String at) {
		String[] parts = reference.split("\\.");
		switch (parts[0]) {
			case "ids" -> {
				Long id = parts.length == 3 ? c.ids().getOrDefault(parts[1], Map.of()).get(parts[2]) : null;
				if (id == null) {
					throw new PlanException(at, "${" + reference + "}: no ID assigned (is id-service configured?)");
				}
				return Long.toString(id);
			}
			case "target" -> {
				return targetProperty(c.model(), c.target(), parts, 1, reference, at);
			}
			case "dependsOn", "connectsTo" -> {
				Map<String, String> edges = parts[0].equals("dependsOn") ? c.service().dependsOn()
						: c.service().connectsTo();
				String dependency = parts.length > 2 ? edges.get(parts[1]) : null;
				if (dependency == null) {
					throw new PlanException(at, "${" + reference + "}: no such " + parts[0] + " parameter");
				}
				List<String> depTargets = c.targetsOf().getOrDefault(dependency, List.of());
				if (parts[2].equals("target") && !depTargets.isEmpty()) {
					return targetProperty(c.model(), depTargets.get(0), parts, 3, reference, at);
				}
				if (parts[2].equals("properties") && parts.length == 4) {
					JsonNode value = c.model().services().get(dependency).properties().get(parts[3]);
					if (value != null) {
						Context depContext = new Context(c.model(), c.model().services().get(dependency),
								depTargets.isEmpty() ? c.target() : depTargets.get(0), c.ids(), c.targetsOf());
						JsonNode rendered = render(value, depContext, at);
						return rendered.isString() ? rendered.stringValue() : rendered.toString();
					}
				}
				throw new PlanException(at, "${" + reference + "}: does not resolve");
			}
			default -> {
				return null;
			}
		}
	}

	private static String targetProperty(DeploymentModel model, String target, String[] parts, int from,
			String reference, String at) {
		Target machine = model.infrastructure().get(target);
		JsonNode value = machine == null || parts.length != from + 2 || !parts[from].equals("properties") ? null
				: machine.properties().get(parts[from + 1]);
		if (value == null) {
			throw new PlanException(at, "${" + reference + "}: target " + target + " has no such property");
		}
		return value.isString() ? value.stringValue() : value.toString();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
	}

}

package nixproc.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nixproc.model.Pointers;
import nixproc.model.Problem;
import tools.jackson.databind.JsonNode;

/**
 * Checks the {@code ${…}} references of architecture §4 in every string of a service's {@code pkg} and free
 * properties: {@code ${stateDir}}, {@code ${runtimeDir}}, {@code ${logDir}}, {@code ${tmpDir}}, {@code ${cacheDir}},
 * {@code ${instanceName}}, {@code ${ids.<pool>.<service>}}, {@code ${target.properties.<p>}} and a dependency's
 * {@code ${dependsOn.<param>.properties.<p>}} / {@code ${dependsOn.<param>.target.properties.<p>}} (also through
 * {@code connectsTo}). A reference resolves when the pool holds an ID for that service, when every target the
 * service (or the dependency) is mapped to has the property, or when the dependency declares it.
 *
 * <p>
 * {@code initialize} and {@code postInstall} are shell scripts where {@code ${HOME}} is the shell's business, so
 * only references starting with one of the roots above are checked there; everywhere else every {@code ${…}}
 * must resolve.
 */
final class References {

	private static final Set<String> DIRECTORIES = Set.of("stateDir", "runtimeDir", "logDir", "tmpDir", "cacheDir",
			"instanceName");

	private static final Set<String> ROOTS = Set.of("ids", "target", "dependsOn", "connectsTo");

	private static final Set<String> SHELL_FIELDS = Set.of("initialize", "postInstall");

	private References() {
	}

	static List<Problem> check(DeploymentModel model) {
		List<Problem> problems = new ArrayList<>();
		model.services().forEach((name, service) -> {
			String at = Pointers.child("/services", name);
			walk(CanonicalForm.pkg(service.pkg()), Pointers.child(at, "pkg"), false, model, service, problems);
			service.properties().forEach((key, value) -> walk(value, Pointers.child(at, key), false, model, service, problems));
		});
		return problems;
	}

	private static void walk(JsonNode node, String at, boolean shell, DeploymentModel model, Service service,
			List<Problem> problems) {
		if (node.isString()) {
			scan(node.stringValue(), at, shell, model, service, problems);
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(node.get(i), Pointers.child(at, i), shell, model, service, problems);
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				boolean fieldShell = shell || at.endsWith("/pkg") && SHELL_FIELDS.contains(field.getKey());
				walk(field.getValue(), Pointers.child(at, field.getKey()), fieldShell, model, service, problems);
			}
		}
	}

	private static void scan(String text, String at, boolean shell, DeploymentModel model, Service service,
			List<Problem> problems) {
		int from = 0;
		while (true) {
			int start = text.indexOf("${", from);
			if (start < 0) {
				return;
			}
			int end = text.indexOf('}', start);
			if (end < 0) {
				if (!shell) {
					problems.add(new Problem(at, "unterminated reference starting at " + excerpt(text, start)));
				}
				return;
			}
			String reference = text.substring(start + 2, end);
			String root = reference.contains(".") ? reference.substring(0, reference.indexOf('.')) : reference;
			if (!shell || DIRECTORIES.contains(root) || ROOTS.contains(root)) {
				resolve(reference, model, service).ifPresent(why -> problems.add(new Problem(at,
						"${" + reference + "} cannot resolve: " + why)));
			}
			from = end + 1;
		}
	}

	/** Why the reference cannot resolve, or empty when it can. */
	private static Optional<String> resolve(String reference, DeploymentModel model, Service service) {
		if (DIRECTORIES.contains(reference)) {
			return Optional.empty();
		}
		String[] parts = reference.split("\\.", -1);
		switch (parts[0]) {
			case "ids" -> {
				if (parts.length != 3) {
					return Optional.of("write ${ids.<pool>.<service>}");
				}
				if (!model.idResources().containsKey(parts[1])) {
					return Optional.of("no pool named " + parts[1] + " in idResources");
				}
				Service holder = model.services().get(parts[2]);
				if (holder == null) {
					return Optional.of("no service named " + parts[2]);
				}
				return holder.requiresUniqueIdsFor().contains(parts[1]) ? Optional.empty()
						: Optional.of(parts[2] + " does not list " + parts[1] + " in requiresUniqueIdsFor, so it holds no such ID");
			}
			case "target" -> {
				if (parts.length != 3 || !parts[1].equals("properties")) {
					return Optional.of("write ${target.properties.<property>}");
				}
				return targetProperty(model, service, parts[2]);
			}
			case "dependsOn", "connectsTo" -> {
				Map<String, String> edges = parts[0].equals("dependsOn") ? service.dependsOn() : service.connectsTo();
				if (parts.length < 2 || !edges.containsKey(parts[1])) {
					return Optional.of(service.name() + " has no " + parts[0] + " parameter "
							+ (parts.length < 2 ? "" : parts[1]));
				}
				Service dependency = model.services().get(edges.get(parts[1]));
				if (dependency == null) {
					return Optional.of("no service named " + edges.get(parts[1]));
				}
				if (parts.length == 4 && parts[2].equals("properties")) {
					return dependency.properties().containsKey(parts[3]) ? Optional.empty()
							: Optional.of(dependency.name() + " has no property " + parts[3]);
				}
				if (parts.length == 5 && parts[2].equals("target") && parts[3].equals("properties")) {
					return targetProperty(model, dependency, parts[4]);
				}
				return Optional.of("write ${" + parts[0] + ".<param>.properties.<p>} or ${" + parts[0]
						+ ".<param>.target.properties.<p>}");
			}
			default -> {
				return Optional.of("unknown reference; known are " + DIRECTORIES.stream().sorted().toList()
						+ ", ids.<pool>.<service>, target.properties.<p> and dependsOn.<param>.(target.)properties.<p>");
			}
		}
	}

	private static Optional<String> targetProperty(DeploymentModel model, Service service, String property) {
		for (Placement mapping : model.placementsOf(service.name())) {
			Target target = model.infrastructure().get(mapping.target());
			if (target != null && !target.properties().containsKey(property)) {
				return Optional.of("target " + mapping.target() + " of " + service.name() + " has no property " + property);
			}
		}
		return Optional.empty();
	}

	private static String excerpt(String text, int start) {
		String tail = text.substring(start);
		return tail.length() > 40 ? tail.substring(0, 40) + "…" : tail;
	}

}

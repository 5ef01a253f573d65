package nixproc.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import nixproc.model.BackendKind;
import nixproc.model.ModelValidator;
import nixproc.model.Pointers;
import nixproc.model.Problem;

/**
 * The rules between the models of a set, all checked at once; each problem points at the value at fault. Rules
 * follow Disnix (reference §1) where it has one: names equal their keys, {@code dependsOn}/{@code activatesAfter}
 * cycles are errors while {@code connectsTo} cycles are allowed, a distribution entry for an unknown service is an
 * error, and a dependency mapped to no target is an incomplete distribution.
 */
public final class DeploymentValidator {

	/** Service, target, pool and container names: the instance-name alphabet of architecture §3. */
	public static final Pattern NAME = ModelValidator.NAME;

	private DeploymentValidator() {
	}

	public static List<Problem> check(DeploymentModel model) {
		List<Problem> problems = new ArrayList<>();
		model.services().forEach((key, service) -> checkService(model, key, service, problems));
		model.infrastructure().forEach((key, target) -> checkTarget(key, target, problems));
		model.idResources().forEach((key, pool) -> checkPool(key, pool, problems));
		checkDistribution(model, problems);
		problems.addAll(Cycles.find(model));
		problems.addAll(References.check(model));
		return problems;
	}

	private static void checkService(DeploymentModel model, String key, Service service, List<Problem> problems) {
		String at = Pointers.child("/services", key);
		name(key, at, "service", problems);
		if (!service.name().equals(key)) {
			problems.add(new Problem(Pointers.child(at, "name"), "must equal the service's key " + key
					+ ", as Disnix requires, not " + service.name()));
		}
		if (service.type().isEmpty()) {
			problems.add(new Problem(Pointers.child(at, "type"), "must not be empty"));
		}
		String pkgAt = Pointers.child(at, "pkg");
		problems.addAll(ModelValidator.check(service.pkg(), pkgAt));
		List<String> dependencies = service.pkg().dependencies();
		for (int i = 0; i < dependencies.size(); i++) {
			if (!model.services().containsKey(dependencies.get(i))) {
				problems.add(new Problem(Pointers.child(Pointers.child(pkgAt, "dependencies"), i), "no service named "
						+ dependencies.get(i) + "; in a services model use dependsOn"));
			}
		}
		references(model, at, "dependsOn", service.dependsOn(), problems);
		references(model, at, "connectsTo", service.connectsTo(), problems);
		references(model, at, "activatesAfter", service.activatesAfter(), problems);
		List<String> pools = service.requiresUniqueIdsFor();
		for (int i = 0; i < pools.size(); i++) {
			if (!model.idResources().containsKey(pools.get(i))) {
				problems.add(new Problem(Pointers.child(Pointers.child(at, "requiresUniqueIdsFor"), i), "no pool named "
						+ pools.get(i) + " in idResources" + (model.idResources().isEmpty() ? " (the set has none)"
								: "; known: " + model.idResources().keySet())));
			}
		}
	}

	private static void references(DeploymentModel model, String at, String field, Map<String, String> references,
			List<Problem> problems) {
		references.forEach((parameter, dependency) -> {
			String refAt = Pointers.child(Pointers.child(at, field), parameter);
			Service target = model.services().get(dependency);
			if (target == null) {
				problems.add(new Problem(refAt, "no service named " + dependency));
			}
			else if (target.type().equals(ServiceTypes.PACKAGE)) {
				problems.add(new Problem(refAt, dependency + " has type package; nothing may depend on a package, as in Disnix"));
			}
		});
	}

	private static void checkTarget(String key, Target target, List<Problem> problems) {
		String at = Pointers.child("/infrastructure", key);
		name(key, at, "target", problems);
		if (target.processManager().isEmpty()) {
			problems.add(new Problem(Pointers.child(at, "processManager"), "missing: say which process manager runs "
					+ "services on " + key + "; one of " + List.of(BackendKind.values())));
		}
		target.processManager().filter(pm -> BackendKind.byId(pm).isEmpty()).ifPresent(pm -> problems.add(new Problem(
				Pointers.child(at, "processManager"), "unknown process manager " + pm + "; one of " + List.of(BackendKind.values()))));
		if (target.numOfCores() < 1) {
			problems.add(new Problem(Pointers.child(at, "numOfCores"), "must be at least 1, not " + target.numOfCores()));
		}
		target.containers().keySet().forEach(container -> name(container, Pointers.child(Pointers.child(at, "containers"), container),
				"container", problems));
	}

	private static void checkPool(String key, IdResource pool, List<Problem> problems) {
		String at = Pointers.child("/idResources", key);
		name(key, at, "pool", problems);
		if (pool.min() < 0) {
			problems.add(new Problem(Pointers.child(at, "min"), "must not be negative"));
		}
		if (pool.min() > pool.max()) {
			problems.add(new Problem(Pointers.child(at, "min"), "must not exceed max " + pool.max()));
		}
		if (pool.step() < 1) {
			problems.add(new Problem(Pointers.child(at, "step"), "must be at least 1"));
		}
	}

	private static void checkDistribution(DeploymentModel model, List<Problem> problems) {
		Map<String, Map<String, String>> instancesPerTarget = new HashMap<>();
		model.distribution().forEach((serviceName, mappings) -> {
			String at = Pointers.child("/distribution", serviceName);
			Service service = model.services().get(serviceName);
			if (service == null) {
				problems.add(new Problem(at, "no service named " + serviceName + " in the services model"));
			}
			Set<String> seen = new LinkedHashSet<>();
			for (int i = 0; i < mappings.size(); i++) {
				Placement mapping = mappings.get(i);
				String mappingAt = Pointers.child(at, i);
				Target target = model.infrastructure().get(mapping.target());
				if (target == null) {
					problems.add(new Problem(mappingAt, "no target named " + mapping.target() + " in the infrastructure model"));
					continue;
				}
				if (service == null) {
					continue;
				}
				String container = mapping.containerOr(service.type());
				if (!seen.add(mapping.target() + "\u0000" + container)) {
					problems.add(new Problem(mappingAt, serviceName + " is mapped to " + mapping.target() + " (container "
							+ container + ") twice"));
					continue;
				}
				ServiceTypes.refusal(service.type(), container, mapping.target(), target)
					.ifPresent(why -> problems.add(new Problem(mappingAt, why)));
				if (service.type().equals(ServiceTypes.PACKAGE)) {
					continue;
				}
				String other = instancesPerTarget.computeIfAbsent(mapping.target(), t -> new HashMap<>())
					.putIfAbsent(service.instanceName(), serviceName);
				if (other != null && !other.equals(serviceName)) {
					problems.add(new Problem(mappingAt, "two instances named " + service.instanceName() + " on target "
							+ mapping.target() + ": services " + other + " and " + serviceName + "; their files would clash"));
				}
			}
			if (service != null && !mappings.isEmpty()) {
				incomplete(model, service, problems);
			}
		});
	}

	/** Disnix's "incomplete distribution": a deployed service whose dependency is deployed nowhere. */
	private static void incomplete(DeploymentModel model, Service service, List<Problem> problems) {
		String at0 = Pointers.child("/services", service.name());
		Map<String, String> all = new LinkedHashMap<>();
		service.dependsOn().forEach((p, d) -> all.put(Pointers.child(Pointers.child(at0, "dependsOn"), p), d));
		service.connectsTo().forEach((p, d) -> all.put(Pointers.child(Pointers.child(at0, "connectsTo"), p), d));
		service.activatesAfter().forEach((p, d) -> all.put(Pointers.child(Pointers.child(at0, "activatesAfter"), p), d));
		all.forEach((pointer, dependency) -> {
			if (model.services().containsKey(dependency) && model.placementsOf(dependency).isEmpty()) {
				problems.add(new Problem(pointer, "incomplete distribution: " + service.name()
						+ " is deployed but its dependency " + dependency + " is mapped to no target"));
			}
		});
	}

	private static void name(String name, String at, String what, List<Problem> problems) {
		if (!NAME.matcher(name).matches()) {
			problems.add(new Problem(at, what + " name must match " + NAME.pattern()));
		}
		else if (name.length() > Limits.MAX_NAME_CHARS) {
			problems.add(new Problem(at, what + " name has " + name.length() + " characters; at most "
					+ Limits.MAX_NAME_CHARS));
		}
	}

}

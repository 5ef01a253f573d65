package nixproc.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The direction of architecture §2 as data: which modules each module may use. A dependency on a module that is
 * not listed is a violation, reported with the two classes and the line.
 */
final class ModuleDependencies {

	/** Module → the modules it may depend on. */
	static final Map<String, Set<String>> ALLOWED = allowed();

	private static Map<String, Set<String>> allowed() {
		Map<String, Set<String>> allowed = new LinkedHashMap<>();
		allowed.put("shared-contracts", Set.of());
		allowed.put("test-support", Set.of());
		// the ID assignment algorithm: shared by the command line and id-service, neither reaching it through the other
		allowed.put("id-assignment", Set.of());
		allowed.put("process-backends", Set.of("shared-contracts"));
		allowed.put("target-agent", Set.of("shared-contracts", "process-backends"));
		// nixproc up: knows the services only as jars, variables and health URLs
		allowed.put("ensemble", Set.of());
		allowed.put("cli", Set.of("shared-contracts", "process-backends", "target-agent", "id-assignment", "ensemble"));
		allowed.put("service-support", Set.of("shared-contracts"));
		// services use shared-contracts and service-support, never the process managers' code nor each other: they
		// talk over Kafka and REST only
		allowed.put("id-service", Set.of("shared-contracts", "service-support", "id-assignment"));
		allowed.put("model-service", Set.of("shared-contracts", "service-support"));
		allowed.put("coordinator", Set.of("shared-contracts", "service-support"));
		return Map.copyOf(allowed);
	}

	/** Modules that must stay free of a framework, by package prefix of the framework. */
	static final Map<String, List<String>> FORBIDDEN_PACKAGES = Map.of(
			"shared-contracts", List.of("org.springframework", "org.apache.kafka"),
			"id-assignment", List.of("org.springframework", "org.apache.kafka"),
			"process-backends", List.of("org.springframework", "org.apache.kafka"),
			"target-agent", List.of("org.springframework"),
			"ensemble", List.of("org.springframework"),
			"cli", List.of("org.springframework"));

	private ModuleDependencies() {
	}

	/** Every dependency that breaks the rules, as one readable line each. */
	static Set<String> violations(JavaClasses classes, Function<JavaClass, Optional<String>> moduleOf) {
		Set<String> violations = new TreeSet<>();
		for (JavaClass origin : classes) {
			Optional<String> from = moduleOf.apply(origin);
			if (from.isEmpty()) {
				continue;
			}
			Set<String> mayUse = ALLOWED.getOrDefault(from.get(), Set.of());
			List<String> forbidden = FORBIDDEN_PACKAGES.getOrDefault(from.get(), List.of());
			for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
				JavaClass target = dependency.getTargetClass();
				Optional<String> to = moduleOf.apply(target);
				if (to.isPresent() && !to.get().equals(from.get()) && !mayUse.contains(to.get())) {
					violations.add(from.get() + " must not depend on " + to.get() + ": " + dependency.getDescription());
				}
				for (String prefix : forbidden) {
					if (target.getPackageName().startsWith(prefix)) {
						violations.add(from.get() + " must not use " + prefix + ": " + dependency.getDescription());
					}
				}
			}
		}
		return violations;
	}

}

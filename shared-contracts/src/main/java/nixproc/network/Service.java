package nixproc.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nixproc.model.ManagedProcess;
import tools.jackson.databind.JsonNode;

/**
 * One distributable service of a services model (Disnix §1.1): the processes model's instance plus Disnix's
 * inter-dependency fields.
 *
 * @param name equals the key in the services model, as Disnix requires
 * @param type the Dysnomia-style type: {@code process} (any process manager), {@code package} (never activated),
 *        a process-manager-specific type such as {@code systemd-unit}, or a container name on the target
 * @param dependsOn parameter name → service name; orders activation and passes the dependency's properties
 * @param connectsTo parameter name → service name; passes properties without ordering (cycles allowed)
 * @param activatesAfter parameter name → service name; ordering only
 * @param properties every other field, free-form, visible to dependents
 */
public record Service(String name, String type, ManagedProcess pkg, Map<String, String> dependsOn,
		Map<String, String> connectsTo, Map<String, String> activatesAfter, List<String> requiresUniqueIdsFor,
		Map<String, JsonNode> properties) {

	/** The type a service has when the model does not say: a plain process, runnable by every process manager. */
	public static final String DEFAULT_TYPE = "process";

	public Service {
		dependsOn = ordered(dependsOn);
		connectsTo = ordered(connectsTo);
		activatesAfter = ordered(activatesAfter);
		requiresUniqueIdsFor = List.copyOf(requiresUniqueIdsFor);
		properties = Collections.unmodifiableMap(new TreeMap<>(properties));
	}

	/** The instance name on a target: {@code pkg.instanceName}, else the service name. */
	public String instanceName() {
		return pkg.instanceName().orElse(name);
	}

	private static Map<String, String> ordered(Map<String, String> in) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(in));
	}

}

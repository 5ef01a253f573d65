package nixproc.coordinator.plan;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * One (service, target) mapping of a manifest, as Disnix's manifest has one entry per service distributed to a
 * target (reference §2.3): what the agent receives, and the hash that says whether it changed.
 *
 * @param service the services model's name; also the instance key in the agent's processes model
 * @param process the rendered managed process: every {@code ${ids…}}, {@code ${target…}}, {@code ${dependsOn…}} and
 *        {@code ${connectsTo…}} reference replaced; directory references stay for the agent, which knows its layout;
 *        {@code dependencies} names only services on the same target (the agent orders those itself)
 * @param properties the service's free properties, rendered the same way
 * @param dependsOn keys ({@link #key}) of the mappings this one activates after, on any target
 * @param hash lower-case hex SHA-256 over the rendered process, properties, target and the hashes of
 *        {@code dependsOn}: a dependency's change changes every dependent's hash, as in Disnix (reference §2.2)
 */
public record ManifestEntry(String service, String target, ObjectNode process, ObjectNode properties,
		List<String> dependsOn, String hash) {

	public ManifestEntry {
		dependsOn = List.copyOf(dependsOn);
	}

	public String key() {
		return key(service, target);
	}

	public static String key(String service, String target) {
		return service + "@" + target;
	}

}

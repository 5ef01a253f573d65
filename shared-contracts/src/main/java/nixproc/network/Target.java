package nixproc.network;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One machine of an infrastructure model (Disnix §1.2).
 *
 * @param properties free-form machine properties ({@code hostname}, …) that services may reference as
 *        {@code ${target.properties.<p>}}
 * @param processManager the backend that runs services there ({@code sysvinit}, {@code systemd}, …); absent is an
 *        error reported by the validator, not a default, because guessing would deploy to the wrong manager
 * @param system e.g. {@code x86_64-linux}; absent means "the coordinator's own", as in Disnix
 * @param numOfCores how many activations may run at once on the target (Disnix default 1)
 * @param containers container name → its properties (Dysnomia containers such as a DBMS); absent is empty
 */
public record Target(Map<String, JsonNode> properties, Optional<String> processManager, Optional<String> system,
		int numOfCores, Map<String, ObjectNode> containers) {

	public Target {
		properties = Collections.unmodifiableMap(new TreeMap<>(properties));
		containers = Collections.unmodifiableMap(new TreeMap<>(containers));
	}

}

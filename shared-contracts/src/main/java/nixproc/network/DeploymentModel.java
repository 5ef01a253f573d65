package nixproc.network;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model set (api.md): services, infrastructure, distribution and the optional idresources, keyed by name in
 * document order. Services absent from the distribution are not deployed, as in Disnix.
 */
public record DeploymentModel(Map<String, Service> services, Map<String, Target> infrastructure,
		Map<String, List<Placement>> distribution, Map<String, IdResource> idResources) {

	public DeploymentModel {
		services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
		infrastructure = Collections.unmodifiableMap(new LinkedHashMap<>(infrastructure));
		Map<String, List<Placement>> copy = new LinkedHashMap<>();
		distribution.forEach((service, mappings) -> copy.put(service, List.copyOf(mappings)));
		distribution = Collections.unmodifiableMap(copy);
		idResources = Collections.unmodifiableMap(new LinkedHashMap<>(idResources));
	}

	/** The mappings of one service, empty when the distribution does not mention it. */
	public List<Placement> placementsOf(String service) {
		return distribution.getOrDefault(service, List.of());
	}

}

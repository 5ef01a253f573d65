package nixproc.network;

import java.util.Optional;

/**
 * Where a distribution model places a service: a target, and the container on it (Disnix's advanced form). An
 * absent container means the service's type, as Disnix's auto-mapping does. (What the coordinator sends an agent
 * for one placed instance is another thing, {@link nixproc.events.Mapping}.)
 */
public record Placement(String target, Optional<String> container) {

	public static Placement to(String target) {
		return new Placement(target, Optional.empty());
	}

	/** The container this mapping runs in once the service's type is known. */
	public String containerOr(String type) {
		return container.orElse(type);
	}

}

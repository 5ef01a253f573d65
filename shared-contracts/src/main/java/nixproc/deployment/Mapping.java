package nixproc.deployment;

import java.util.Optional;

/**
 * One entry of a distribution model: a target, and the container on it (Disnix's advanced form). An absent
 * container means the service's type, as Disnix's auto-mapping does.
 */
public record Mapping(String target, Optional<String> container) {

	public static Mapping to(String target) {
		return new Mapping(target, Optional.empty());
	}

	/** The container this mapping runs in once the service's type is known. */
	public String containerOr(String type) {
		return container.orElse(type);
	}

}

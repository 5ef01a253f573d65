package nixproc.network;

import java.util.Map;
import java.util.Optional;

import nixproc.model.BackendKind;

/**
 * Which process manager can run which service type. {@code process} is the managed-process model itself and runs
 * everywhere (the target's backend generates its own configuration); {@code package} is never activated (Disnix);
 * the manager-specific types carry a ready-made configuration only their manager understands. Any other type is
 * a Dysnomia container that the target must declare in its {@code containers}.
 */
final class ServiceTypes {

	static final String PACKAGE = "package";

	private static final Map<String, BackendKind> SPECIFIC = Map.ofEntries(
			Map.entry("sysvinit-script", BackendKind.SYSVINIT), Map.entry("bsdrc-script", BackendKind.BSDRC),
			Map.entry("supervisord-program", BackendKind.SUPERVISORD), Map.entry("systemd-unit", BackendKind.SYSTEMD),
			Map.entry("launchd-daemon", BackendKind.LAUNCHD), Map.entry("cygrunsrv-service", BackendKind.CYGRUNSRV),
			Map.entry("s6-rc-service", BackendKind.S6_RC), Map.entry("synit-daemon", BackendKind.SYNIT),
			Map.entry("docker-container", BackendKind.DOCKER));

	private ServiceTypes() {
	}

	/** Why {@code target} cannot run a service of {@code type} in {@code container}, or empty when it can. */
	static Optional<String> refusal(String type, String container, String targetName, Target target) {
		if (type.equals(Service.DEFAULT_TYPE) || type.equals(PACKAGE)) {
			return Optional.empty();
		}
		BackendKind needed = SPECIFIC.get(type);
		String manager = target.processManager().orElse("");
		if (needed != null) {
			return needed.id().equals(manager) ? Optional.empty()
					: Optional.of("target " + targetName + " runs " + (manager.isEmpty() ? "no process manager" : manager)
							+ ", which cannot run services of type " + type + " (they need " + needed.id() + ")");
		}
		return target.containers().containsKey(container) ? Optional.empty()
				: Optional.of("target " + targetName + " (" + (manager.isEmpty() ? "no process manager" : manager)
						+ ") has no container " + container + " for services of type " + type
						+ "; declare it under the target's containers or use type process");
	}

}

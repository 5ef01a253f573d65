package nixproc.backend.synit;

import java.util.List;

/**
 * What {@code overrides.synit} can change, the seed's synit parameters (reference §3.10): whether to assert
 * {@code require-service} (else the service only runs when something depends on it), extra raw
 * {@code depends-on} targets in Preserves text (e.g. {@code <service-state <milestone network> up>}), and the
 * daemon's {@code readyOnStart}.
 */
record SynitParameters(boolean requireService, List<String> dependsOn, boolean readyOnStart) {

	SynitParameters {
		dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
	}

}

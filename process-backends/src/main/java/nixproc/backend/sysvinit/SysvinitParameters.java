package nixproc.backend.sysvinit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code overrides.sysvinit} can change; the seed's {@code createSystemVInitScript} parameters that still make
 * sense without the LFS init-functions. Signals are names without {@code SIG} ({@code HUP}).
 */
record SysvinitParameters(List<Integer> runlevels, String reloadSignal, String stopSignal, int stopTimeout,
		String globalInstructions, Map<String, String> activities, List<String> removeActivities) {

	static final List<Integer> DEFAULT_RUNLEVELS = List.of(3, 4, 5);

	SysvinitParameters {
		runlevels = runlevels == null ? List.of() : List.copyOf(runlevels);
		reloadSignal = reloadSignal == null ? "HUP" : reloadSignal;
		stopSignal = stopSignal == null ? "TERM" : stopSignal;
		globalInstructions = globalInstructions == null ? "" : globalInstructions;
		activities = activities == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(activities));
		removeActivities = removeActivities == null ? List.of() : List.copyOf(removeActivities);
	}

}

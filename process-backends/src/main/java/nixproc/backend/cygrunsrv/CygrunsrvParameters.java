package nixproc.backend.cygrunsrv;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The seed's {@code createCygrunsrvParams} parameters (reference §3.6) that {@code overrides.cygrunsrv} can change.
 * {@code path} relative to the profile names a file generated into it (the foreground proxy). {@code type} is
 * {@code auto} or {@code manual}; {@code terminateSignal} a signal name without {@code SIG}.
 */
record CygrunsrvParameters(String path, List<String> args, String displayName, Map<String, String> environment,
		String type, Optional<String> stdin, Optional<String> stdout, Optional<String> stderr, String terminateSignal,
		boolean terminateOnShutdown, List<String> dependencies) {

	CygrunsrvParameters {
		path = path == null ? "" : path;
		args = args == null ? List.of() : List.copyOf(args);
		displayName = displayName == null ? "" : displayName;
		environment = environment == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(environment));
		type = type == null ? "auto" : type;
		stdin = orEmpty(stdin);
		stdout = orEmpty(stdout);
		stderr = orEmpty(stderr);
		terminateSignal = terminateSignal == null ? "TERM" : terminateSignal;
		dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
	}

	@SuppressWarnings("NullAway")
	private static <T> Optional<T> orEmpty(Optional<T> value) {
		return value == null ? Optional.empty() : value;
	}

}

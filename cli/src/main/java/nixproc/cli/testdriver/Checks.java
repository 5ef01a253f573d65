package nixproc.cli.testdriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's {@code testService} hooks as shell commands (reference §6.1), run in this order: {@code initialTests}
 * once, {@code readiness} for every instance (retried until it succeeds or {@code timeout} passes), {@code tests}
 * for every instance, {@code postTests} once. Per-instance commands are either for every instance (key {@code *})
 * or for one instance (its name). Every command fails when it runs longer than {@code timeout}.
 */
public record Checks(List<String> initialTests, Map<String, List<String>> readiness, Map<String, List<String>> tests,
		List<String> postTests, Duration timeout) {

	public static final String EVERY_INSTANCE = "*";

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	public static final Checks NONE = new Checks(List.of(), Map.of(), Map.of(), List.of(), DEFAULT_TIMEOUT);

	public Checks {
		initialTests = List.copyOf(initialTests);
		readiness = Map.copyOf(readiness);
		tests = Map.copyOf(tests);
		postTests = List.copyOf(postTests);
	}

	/** The commands of {@code table} that apply to {@code instance}: those for every instance, then its own. */
	static List<String> forInstance(Map<String, List<String>> table, String instance) {
		return java.util.stream.Stream.concat(
				Optional.ofNullable(table.get(EVERY_INSTANCE)).orElse(List.of()).stream(),
				Optional.ofNullable(table.get(instance)).orElse(List.of()).stream())
			.toList();
	}

}

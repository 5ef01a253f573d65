package nixproc.backend.launchd;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The {@code launchd.plist(5)} keys nixproc writes, and what {@code overrides.launchd} can change, under launchd's
 * own names ({@code overrides.launchd.KeepAlive = true}). {@code KeepAlive} is a boolean or a dictionary, as in
 * launchd. Absent keys are not written.
 */
record LaunchdParameters(@JsonProperty("Label") String label,
		@JsonProperty("ProgramArguments") List<String> programArguments,
		@JsonProperty("EnvironmentVariables") Map<String, String> environmentVariables,
		@JsonProperty("WorkingDirectory") Optional<String> workingDirectory,
		@JsonProperty("UserName") Optional<String> userName, @JsonProperty("GroupName") Optional<String> groupName,
		@JsonProperty("Umask") Optional<Integer> umask, @JsonProperty("Nice") Optional<Integer> nice,
		@JsonProperty("KeepAlive") Optional<JsonNode> keepAlive, @JsonProperty("RunAtLoad") Optional<Boolean> runAtLoad,
		@JsonProperty("ThrottleInterval") Optional<Integer> throttleInterval,
		@JsonProperty("ExitTimeOut") Optional<Integer> exitTimeOut,
		@JsonProperty("ProcessType") Optional<String> processType,
		@JsonProperty("StandardOutPath") Optional<String> standardOutPath,
		@JsonProperty("StandardErrorPath") Optional<String> standardErrorPath) {

	LaunchdParameters {
		label = label == null ? "" : label;
		programArguments = programArguments == null ? List.of() : List.copyOf(programArguments);
		environmentVariables = environmentVariables == null ? Map.of()
				: java.util.Collections.unmodifiableSortedMap(new TreeMap<>(environmentVariables));
		workingDirectory = orEmpty(workingDirectory);
		userName = orEmpty(userName);
		groupName = orEmpty(groupName);
		umask = orEmpty(umask);
		nice = orEmpty(nice);
		keepAlive = orEmpty(keepAlive);
		runAtLoad = orEmpty(runAtLoad);
		throttleInterval = orEmpty(throttleInterval);
		exitTimeOut = orEmpty(exitTimeOut);
		processType = orEmpty(processType);
		standardOutPath = orEmpty(standardOutPath);
		standardErrorPath = orEmpty(standardErrorPath);
	}

	@SuppressWarnings("NullAway")
	private static <T> Optional<T> orEmpty(Optional<T> value) {
		// Jackson hands null for an absent key (and for a key an override set to null)
		return value == null ? Optional.empty() : value;
	}

}

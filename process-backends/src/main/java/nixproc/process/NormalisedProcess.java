package nixproc.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.model.ConfigFile;
import nixproc.model.Credentials;
import nixproc.model.Readiness;
import nixproc.model.RestartPolicy;
import tools.jackson.databind.node.ObjectNode;

/**
 * A managed process with every default of the seed applied for one backend: what a {@link nixproc.backend.Generator}
 * renders. Placeholders ({@code ${stateDir}} …) are substituted.
 *
 * @param name file and unit name (the seed's {@code name}, defaulting to {@code instanceName})
 * @param instanceName instance name (defaults to {@code name}; the seed leaves it null, which loses the PID file)
 * @param preferredMode the backend's preferred mode
 * @param mode the mode of {@code executable}: the preferred one when the definition has an executable for it
 * @param executable the executable to run in {@code mode}
 * @param args its full argument list ({@code daemonArgs} or {@code foregroundProcessArgs} with the seed's defaults)
 * @param environment user environment, iterated in name order, without the {@code PATH} composed from {@code binPath}
 * @param binPath the {@code <package>/bin} directories of {@code path}; each backend decides whether they replace or
 * prefix {@code PATH}, as the seed does (reference §9.15)
 * @param user the effective user: empty when no user is declared or under {@code forceDisableUserChange}
 * @param declaredUser the user as written
 * @param dependencies names of the processes this one depends on
 * @param order 0 without dependencies, else 1 + the highest order of its dependencies (sysvinit sequence number;
 * supervisord priority minus one)
 * @param pidFile the explicit PID file, else {@code <tmpDir or runtimeDir>/<instanceName>.pid} (tmpDir when a user is
 * declared, even if user change is disabled: the seed's rule; runtimeDir for a process nixproc daemonises, whose
 * PID file root writes)
 * @param daemonLogFile where a daemonising tool sends the output of a foreground process:
 * {@code <logDir>/nixproc-<instanceName>.log}, made by root and given to the effective user (never in tmpDir, #17)
 * @param overrides this backend's {@code overrides} object, if any
 */
public record NormalisedProcess(String name, String instanceName, String description, Mode preferredMode, Mode mode,
		String executable, List<String> args, String initialize, Map<String, String> environment, List<String> binPath,
		Optional<String> directory, Optional<String> umask, Optional<Integer> nice, Optional<String> user,
		Optional<String> declaredUser, List<String> dependencies, int order, String pidFile, boolean pidFileExplicit,
		String daemonLogFile, Credentials credentials, Optional<ObjectNode> overrides, String postInstall,
		Optional<Readiness> readiness, Optional<RestartPolicy> restart, List<ConfigFile> configFiles,
		Optional<Integer> stopTimeout) {

	public NormalisedProcess {
		args = List.copyOf(args);
		environment = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(environment));
		binPath = List.copyOf(binPath);
		dependencies = List.copyOf(dependencies);
		configFiles = List.copyOf(configFiles);
		overrides = overrides.map(ObjectNode::deepCopy);
	}

	/** A daemon-preferring backend got a foreground-only process: it must daemonise it. */
	public boolean mustDaemonise() {
		return preferredMode == Mode.DAEMON && mode == Mode.FOREGROUND;
	}

	/** A foreground-preferring backend got a daemon-only process: it must wrap it into the foreground. */
	public boolean mustWrapDaemon() {
		return preferredMode == Mode.FOREGROUND && mode == Mode.DAEMON;
	}

}

package nixproc.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.databind.node.ObjectNode;

/**
 * One process-manager-agnostic process definition: the parameters of the seed's {@code createManagedProcess},
 * exactly as written (absent stays absent; defaults are applied by the consumer, per backend), plus nixproc's
 * extensions {@code readiness}, {@code restart}, {@code configFiles} and {@code stopTimeout} (seconds).
 *
 * <p>
 * {@code daemonArgs}/{@code foregroundProcessArgs} are {@code Optional} because "absent" means
 * {@code args ++ *ExtraArgs} while an explicit empty list means "no arguments". Numbers in {@code args},
 * {@code environment}, {@code nice} are read as text, as the seed stringifies them. {@code dependencies} are
 * instance names once a model is read; seed JSON's directory paths are resolved by {@link ModelReader}.
 * {@code overrides} maps a backend name to an object deep-merged into that backend's generated parameters,
 * where a JSON {@code null} removes a key.
 */
public record ManagedProcess(Optional<String> name, Optional<String> instanceName, Optional<String> description,
		Optional<String> process, List<String> args, Optional<String> foregroundProcess,
		Optional<List<String>> foregroundProcessArgs, List<String> foregroundProcessExtraArgs, Optional<String> daemon,
		Optional<List<String>> daemonArgs, List<String> daemonExtraArgs, String initialize,
		Map<String, String> environment, Optional<String> directory, Optional<String> umask, Optional<String> nice,
		Optional<String> user, List<String> dependencies, Optional<String> pidFile, List<String> path,
		Credentials credentials, Map<String, ObjectNode> overrides, String postInstall, Optional<Readiness> readiness,
		Optional<RestartPolicy> restart, List<ConfigFile> configFiles, Optional<Integer> stopTimeout) {

	public ManagedProcess {
		name = opt(name);
		instanceName = opt(instanceName);
		description = opt(description);
		process = opt(process);
		args = list(args);
		foregroundProcess = opt(foregroundProcess);
		foregroundProcessArgs = opt(foregroundProcessArgs).map(ManagedProcess::list);
		foregroundProcessExtraArgs = list(foregroundProcessExtraArgs);
		daemon = opt(daemon);
		daemonArgs = opt(daemonArgs).map(ManagedProcess::list);
		daemonExtraArgs = list(daemonExtraArgs);
		initialize = initialize == null ? "" : initialize;
		environment = environment == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(environment));
		directory = opt(directory);
		umask = opt(umask);
		nice = opt(nice);
		user = opt(user);
		dependencies = list(dependencies);
		pidFile = opt(pidFile);
		path = list(path);
		credentials = credentials == null ? Credentials.NONE : credentials;
		overrides = copyOverrides(overrides);
		postInstall = postInstall == null ? "" : postInstall;
		readiness = opt(readiness);
		restart = opt(restart);
		configFiles = list(configFiles);
		stopTimeout = opt(stopTimeout);
	}

	/** A definition with nothing set; use the {@code with*} methods in tests and tools. */
	public static ManagedProcess empty() {
		return new ManagedProcess(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	/** The seed's naming rule: {@code name} defaults to {@code instanceName}. */
	public Optional<String> effectiveName() {
		return name.or(() -> instanceName);
	}

	/** True when no executable is given at all ({@code process}, {@code daemon} and {@code foregroundProcess}). */
	public boolean hasNoExecutable() {
		return process.isEmpty() && daemon.isEmpty() && foregroundProcess.isEmpty();
	}

	public ManagedProcess withDependencies(List<String> newDependencies) {
		return new ManagedProcess(name, instanceName, description, process, args, foregroundProcess,
				foregroundProcessArgs, foregroundProcessExtraArgs, daemon, daemonArgs, daemonExtraArgs, initialize,
				environment, directory, umask, nice, user, newDependencies, pidFile, path, credentials, overrides,
				postInstall, readiness, restart, configFiles, stopTimeout);
	}

	public ManagedProcess withInstanceName(String newInstanceName) {
		return new ManagedProcess(name, Optional.of(newInstanceName), description, process, args, foregroundProcess,
				foregroundProcessArgs, foregroundProcessExtraArgs, daemon, daemonArgs, daemonExtraArgs, initialize,
				environment, directory, umask, nice, user, dependencies, pidFile, path, credentials, overrides,
				postInstall, readiness, restart, configFiles, stopTimeout);
	}

	/** The override object for one backend, as a fresh copy the caller may change. */
	public Optional<ObjectNode> overridesFor(BackendKind kind) {
		return Optional.ofNullable(overrides.get(kind.id())).map(ObjectNode::deepCopy);
	}

	@SuppressWarnings("NullAway")
	private static <T> Optional<T> opt(Optional<T> value) {
		// Jackson hands null for some absent creator properties; the rest of the code never sees it.
		return value == null ? Optional.empty() : value;
	}

	private static <T> List<T> list(List<T> value) {
		return value == null ? List.of() : List.copyOf(value);
	}

	private static Map<String, ObjectNode> copyOverrides(Map<String, ObjectNode> value) {
		if (value == null) {
			return Map.of();
		}
		Map<String, ObjectNode> out = new TreeMap<>();
		value.forEach((k, v) -> {
			if (v != null) {
				out.put(k, v.deepCopy());
			}
		});
		return Collections.unmodifiableMap(out);
	}

}

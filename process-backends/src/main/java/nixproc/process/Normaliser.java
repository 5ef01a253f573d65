package nixproc.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.graph.DependencyGraph;
import nixproc.model.BackendKind;
import nixproc.model.ConfigFile;
import nixproc.model.Credentials;
import nixproc.model.Instance;
import nixproc.model.ManagedProcess;
import nixproc.model.ModelException;
import nixproc.model.ProcessesModel;

/**
 * Applies the seed's defaults (reference §1.2, §3.0) to managed processes for one backend. The model must have
 * passed {@link nixproc.model.ModelValidator}.
 */
public final class Normaliser {

	private Normaliser() {
	}

	/** Normalises every instance of a model: instance key → process, in activation order (dependencies first). */
	public static Map<String, NormalisedProcess> normaliseAll(ProcessesModel model, BackendKind backend, Mode preferredMode,
			Layout layout) {
		Map<String, List<String>> edges = new LinkedHashMap<>();
		model.instances().forEach((key, instance) -> edges.put(key, instance.pkg().dependencies()));
		DependencyGraph.Ordering ordering = DependencyGraph.order(edges);
		Map<String, NormalisedProcess> result = new LinkedHashMap<>();
		for (String key : ordering.activationOrder()) {
			Instance instance = model.instances().get(key);
			List<String> dependencyNames = instance.pkg()
				.dependencies()
				.stream()
				.map(d -> model.instances().get(d).pkg().effectiveName().orElse(d))
				.toList();
			result.put(key, normalise(key, instance.pkg(), backend, preferredMode, layout, dependencyNames,
					ordering.depth().get(key)));
		}
		return result;
	}

	/**
	 * Normalises one process.
	 * @param key the instance key, used when the process names neither {@code name} nor {@code instanceName}
	 * @param dependencyNames the names of its dependencies, in the order written
	 * @param order its dependency depth (see {@link NormalisedProcess#order()})
	 */
	public static NormalisedProcess normalise(String key, ManagedProcess process, BackendKind backend,
			Mode preferredMode, Layout layout, List<String> dependencyNames, int order) {
		String instanceName = process.instanceName().or(process::name).orElse(key);
		String name = process.name().orElse(instanceName);
		StateDirs dirs = layout.dirs();
		Placeholders placeholders = new Placeholders(dirs, instanceName);

		Optional<String> daemon = process.daemon().or(process::process);
		Optional<String> foreground = process.foregroundProcess().or(process::process);
		Mode mode;
		if (preferredMode == Mode.DAEMON) {
			mode = daemon.isPresent() ? Mode.DAEMON : Mode.FOREGROUND;
		}
		else {
			mode = foreground.isPresent() ? Mode.FOREGROUND : Mode.DAEMON;
		}
		String executable = (mode == Mode.DAEMON ? daemon : foreground)
			.orElseThrow(() -> new ModelException("", "no executable: set process, daemon or foregroundProcess"));
		List<String> args = mode == Mode.DAEMON
				? process.daemonArgs().orElseGet(() -> concat(process.args(), process.daemonExtraArgs()))
				: process.foregroundProcessArgs().orElseGet(() -> concat(process.args(), process.foregroundProcessExtraArgs()));

		Optional<String> user = layout.forceDisableUserChange() ? Optional.empty() : process.user();
		// The seed picks the PID directory from the declared user (reference §9.6), kept so paths do not move when
		// --force-disable-user-change is toggled, and because a daemon running as that user writes the file where its
		// model says, often ${tmpDir}. A foreground process nixproc daemonises knows no PID file: root writes it, in the
		// runtime directory, where no one else may plant one; its output goes to the log directory, never to the
		// world-writable tmpDir the seed used (#17).
		boolean daemonised = mode == Mode.FOREGROUND && preferredMode == Mode.DAEMON;
		String pidDir = process.user().isPresent() && !daemonised ? dirs.tmpDir() : dirs.runtimeDir();
		String pidFile = process.pidFile().map(placeholders::apply).orElse(pidDir + "/" + instanceName + ".pid");
		String logFile = dirs.logDir() + "/nixproc-" + instanceName + ".log";

		Map<String, String> environment = new LinkedHashMap<>();
		process.environment().forEach((k, v) -> environment.put(k, placeholders.apply(v)));
		return new NormalisedProcess(name, instanceName, process.description().orElse(name), preferredMode, mode,
				placeholders.apply(executable), args.stream().map(placeholders::apply).toList(),
				placeholders.apply(process.initialize()), environment,
				process.path().stream().map(p -> placeholders.apply(p) + "/bin").toList(),
				process.directory().map(placeholders::apply), process.umask(), process.nice().map(Integer::valueOf),
				user, process.user(), dependencyNames, order, pidFile, process.pidFile().isPresent(), logFile,
				credentials(process.credentials(), placeholders), process.overridesFor(backend), process.postInstall(), process.readiness(),
				process.restart(),
				process.configFiles()
					.stream()
					.map(f -> new ConfigFile(placeholders.apply(f.path()), placeholders.apply(f.content()), f.mode()))
					.toList(),
				process.stopTimeout());
	}

	private static Credentials credentials(Credentials credentials, Placeholders placeholders) {
		return new Credentials(substitute(credentials.groups(), placeholders), substitute(credentials.users(), placeholders));
	}

	private static Map<String, Map<String, String>> substitute(Map<String, Map<String, String>> accounts,
			Placeholders placeholders) {
		Map<String, Map<String, String>> out = new LinkedHashMap<>();
		accounts.forEach((name, attributes) -> {
			Map<String, String> values = new LinkedHashMap<>();
			attributes.forEach((key, value) -> values.put(key, placeholders.apply(value)));
			out.put(name, values);
		});
		return out;
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}

package nixproc.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks a model must pass before anything is generated. Each problem names its field by JSON pointer so
 * the CLI and the model-service can point at it.
 */
public final class ModelValidator {

	/** Instance and process names become file names and unit names: no separators, no spaces, no leading dot. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Pattern NICE = Pattern.compile("-?[0-9]{1,2}");

	private static final Pattern UMASK = Pattern.compile("[0-7]{3,4}");

	private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\$?");

	private ModelValidator() {
	}

	/** Throws a {@link ModelException} listing every problem of the model, if there is any. */
	public static void requireValid(ProcessesModel model) {
		List<Problem> problems = check(model);
		if (!problems.isEmpty()) {
			throw new ModelException(problems);
		}
	}

	public static List<Problem> check(ProcessesModel model) {
		List<Problem> problems = new ArrayList<>();
		Map<String, String> instanceByName = new HashMap<>();
		model.instances().forEach((key, instance) -> {
			String at = Pointers.child("", key);
			if (!NAME.matcher(key).matches()) {
				problems.add(new Problem(at, "instance name must match " + NAME.pattern()));
			}
			String pkgAt = Pointers.child(at, "pkg");
			// The instanceName defaulted from a bad key is the same mistake; report it once, at the key.
			problems.addAll(check(instance.pkg(), pkgAt).stream()
				.filter(p -> !(p.pointer().equals(Pointers.child(pkgAt, "instanceName")) && instance.pkg().instanceName().orElse("").equals(key)))
				.toList());
			instance.pkg().effectiveName().ifPresent(name -> {
				String other = instanceByName.putIfAbsent(name, key);
				if (other != null) {
					problems.add(new Problem(Pointers.child(pkgAt, "name"),
							"name " + name + " is also the name of instance " + other + "; generated files would clash"));
				}
			});
			List<String> dependencies = instance.pkg().dependencies();
			for (int i = 0; i < dependencies.size(); i++) {
				if (!model.instances().containsKey(dependencies.get(i))) {
					problems.add(new Problem(Pointers.child(Pointers.child(pkgAt, "dependencies"), i),
							"no instance named " + dependencies.get(i) + " in this model"));
				}
			}
		});
		problems.addAll(cycles(model));
		return problems;
	}

	/** Field-level checks of one process; {@code at} is the pointer of the process object. */
	public static List<Problem> check(ManagedProcess process, String at) {
		List<Problem> problems = new ArrayList<>();
		process.name().filter(n -> !NAME.matcher(n).matches())
			.ifPresent(n -> problems.add(new Problem(Pointers.child(at, "name"), "must match " + NAME.pattern())));
		process.instanceName().filter(n -> !NAME.matcher(n).matches())
			.ifPresent(n -> problems.add(new Problem(Pointers.child(at, "instanceName"), "must match " + NAME.pattern())));
		if (process.hasNoExecutable()) {
			problems.add(new Problem(at, "no executable: set process, daemon or foregroundProcess"));
		}
		process.nice().filter(n -> !NICE.matcher(n).matches() || Math.abs(Integer.parseInt(n)) > 20)
			.ifPresent(n -> problems.add(new Problem(Pointers.child(at, "nice"), "must be an integer from -20 to 19, got " + n)));
		process.umask().filter(u -> !UMASK.matcher(u).matches())
			.ifPresent(u -> problems.add(new Problem(Pointers.child(at, "umask"), "must be 3 or 4 octal digits such as \"0022\", got " + u)));
		process.user().filter(u -> !USER.matcher(u).matches())
			.ifPresent(u -> problems.add(new Problem(Pointers.child(at, "user"), "not a valid user name")));
		for (String key : process.environment().keySet()) {
			if (!ENV_NAME.matcher(key).matches()) {
				problems.add(new Problem(Pointers.child(Pointers.child(at, "environment"), key), "environment variable names must match " + ENV_NAME.pattern()));
			}
		}
		for (String backend : process.overrides().keySet()) {
			if (BackendKind.byId(backend).isEmpty()) {
				problems.add(new Problem(Pointers.child(Pointers.child(at, "overrides"), backend), "unknown backend " + backend
						+ "; known: " + List.of(BackendKind.values())));
			}
		}
		process.readiness().ifPresent(readiness -> {
			int probes = (readiness.tcpPort().isPresent() ? 1 : 0) + (readiness.httpUrl().isPresent() ? 1 : 0)
					+ (readiness.command().isEmpty() ? 0 : 1);
			if (probes != 1) {
				problems.add(new Problem(Pointers.child(at, "readiness"), "give exactly one of tcpPort, httpUrl or command"));
			}
			if (readiness.timeout() < 0) {
				problems.add(new Problem(Pointers.child(Pointers.child(at, "readiness"), "timeout"), "must not be negative"));
			}
		});
		process.stopTimeout().filter(t -> t < 0)
			.ifPresent(t -> problems.add(new Problem(Pointers.child(at, "stopTimeout"), "must not be negative")));
		for (int i = 0; i < process.configFiles().size(); i++) {
			ConfigFile file = process.configFiles().get(i);
			String fileAt = Pointers.child(Pointers.child(at, "configFiles"), i);
			if (file.path().isEmpty()) {
				problems.add(new Problem(Pointers.child(fileAt, "path"), "must not be empty"));
			}
			file.mode().filter(m -> !UMASK.matcher(m).matches())
				.ifPresent(m -> problems.add(new Problem(Pointers.child(fileAt, "mode"), "must be octal such as \"0640\"")));
		}
		return problems;
	}

	/** One problem per cycle, reported at the dependency edge that closes it. */
	private static List<Problem> cycles(ProcessesModel model) {
		List<Problem> problems = new ArrayList<>();
		Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
		for (String key : model.instances().keySet()) {
			visit(key, model, state, new ArrayList<>(), problems);
		}
		return problems;
	}

	private static void visit(String key, ProcessesModel model, Map<String, Integer> state, List<String> path,
			List<Problem> problems) {
		if (state.getOrDefault(key, 0) == 2 || !model.instances().containsKey(key)) {
			return;
		}
		state.put(key, 1);
		path.add(key);
		List<String> dependencies = model.instances().get(key).pkg().dependencies();
		for (int i = 0; i < dependencies.size(); i++) {
			String dependency = dependencies.get(i);
			if (state.getOrDefault(dependency, 0) == 1) {
				List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dependency), path.size()));
				cycle.add(dependency);
				problems.add(new Problem(Pointers.child(Pointers.child(Pointers.child(Pointers.child("", key), "pkg"), "dependencies"), i),
						"dependency cycle: " + String.join(" -> ", cycle)));
			}
			else {
				visit(dependency, model, state, path, problems);
			}
		}
		path.remove(path.size() - 1);
		state.put(key, 2);
	}

}

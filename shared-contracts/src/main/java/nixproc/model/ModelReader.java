package nixproc.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads managed processes and processes models from JSON or YAML (chosen by file extension: {@code .yaml} and
 * {@code .yml} are YAML, anything else JSON) and validates them. Every failure is a {@link ModelException} whose
 * pointers address the document that was read.
 */
public final class ModelReader {

	/** A seed store path's basename: 32 base-32 characters of hash, a dash, then the name. */
	private static final Pattern STORE_HASH_PREFIX = Pattern.compile("^[0-9a-df-np-sv-z]{32}-");

	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final ObjectMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private ModelReader() {
	}

	/** Reads and validates a processes model (architecture §4). */
	public static ProcessesModel readProcesses(Path file) {
		Path absolute = file.toAbsolutePath();
		return readProcesses(readText(file), isYaml(file), absolute.getParent() == null ? absolute : absolute.getParent());
	}

	public static ProcessesModel readProcesses(String text, boolean yaml) {
		return readProcesses(parse(text, yaml ? YAML : JSON, ""));
	}

	/** A model read from a file in {@code directory}: its relative programs are {@link RelativePrograms} there. */
	public static ProcessesModel readProcesses(String text, boolean yaml, Path directory) {
		JsonNode root = parse(text, yaml ? YAML : JSON, "");
		RelativePrograms.resolve(root, directory);
		return readProcesses(root);
	}

	private static ProcessesModel readProcesses(JsonNode root) {
		if (!root.isObject()) {
			throw new ModelException("", "a processes model is an object of instance name to instance");
		}
		Map<String, Instance> instances = new LinkedHashMap<>();
		List<Problem> problems = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			String at = Pointers.child("", entry.getKey());
			try {
				instances.put(entry.getKey(), toInstance(entry.getKey(), entry.getValue(), at));
			}
			catch (ModelException e) {
				problems.addAll(e.problems());
			}
		}
		if (!problems.isEmpty()) {
			throw new ModelException(problems);
		}
		ProcessesModel model = new ProcessesModel(dependenciesByKey(instances));
		ModelValidator.requireValid(model);
		return model;
	}

	/**
	 * Dependencies as instance keys. A seed-style Nix model names a dependency by its process ({@code webapp.pkg}),
	 * which the Nix library turns into that process's {@code instanceName} (or {@code name}); where that is not the
	 * instance's key, the one instance carrying it is meant. A key always wins; a name two instances carry, or
	 * none, stays as written for {@link ModelValidator} to report.
	 */
	private static Map<String, Instance> dependenciesByKey(Map<String, Instance> instances) {
		Map<String, List<String>> keysByName = new HashMap<>();
		instances.forEach((key, instance) -> {
			ManagedProcess pkg = instance.pkg();
			Stream.of(pkg.instanceName(), pkg.name()).flatMap(Optional::stream).distinct()
				.filter(name -> !name.equals(key))
				.forEach(name -> keysByName.computeIfAbsent(name, n -> new ArrayList<>()).add(key));
		});
		if (keysByName.isEmpty()) {
			return instances;
		}
		Map<String, Instance> resolved = new LinkedHashMap<>();
		instances.forEach((key, instance) -> {
			List<String> dependencies = instance.pkg().dependencies().stream()
				.map(d -> instances.containsKey(d) || keysByName.getOrDefault(d, List.of()).size() != 1 ? d : keysByName.get(d).get(0))
				.toList();
			resolved.put(key, dependencies.equals(instance.pkg().dependencies()) ? instance
					: new Instance(instance.properties(), instance.requiresUniqueIdsFor(), instance.pkg().withDependencies(dependencies)));
		});
		return resolved;
	}

	/**
	 * Reads one managed process, as the seed's {@code nixproc-generate-config} does, with its dependencies. A
	 * dependency is either the path of a directory holding {@code <name>.json} (the seed's store paths, whose
	 * 33-character hash prefix is stripped to find the name) or of a JSON file; relative paths resolve against
	 * the directory of the file naming them. A bare name (what nixproc's Nix library writes) is {@code <name>.json}
	 * beside the file, else {@code <name>/<name>.json} beside its directory. The result holds the process under its instance name and every
	 * dependency, transitively, with {@code dependencies} rewritten to instance names.
	 */
	public static SingleProcess readManagedProcessFile(Path file) {
		Map<String, Instance> closure = new LinkedHashMap<>();
		String root = load(file.toAbsolutePath().normalize(), closure, new HashMap<>(), new ArrayList<>(), true);
		return new SingleProcess(root, new ProcessesModel(closure));
	}

	/** Reads one managed process without validating it or resolving its dependencies. */
	public static ManagedProcess readManagedProcess(String text, boolean yaml) {
		ObjectMapper mapper = yaml ? YAML : JSON;
		return bind(mapper, parse(text, mapper, ""), "");
	}

	/** A managed process read from a file together with the processes it depends on. */
	public record SingleProcess(String instanceName, ProcessesModel closure) {

		public ManagedProcess process() {
			return closure.instances().get(instanceName).pkg();
		}

	}

	private static String load(Path file, Map<String, Instance> closure, Map<Path, String> done, List<Path> stack,
			boolean root) {
		String known = done.get(file);
		if (known != null) {
			return known;
		}
		String label = root ? "" : file + ": ";
		ObjectMapper mapper = isYaml(file) ? YAML : JSON;
		ManagedProcess process;
		try {
			JsonNode tree = parse(readText(file), mapper, "");
			RelativePrograms.resolvePkg(tree, file.getParent());
			process = bind(mapper, tree, "");
		}
		catch (ModelException e) {
			throw root ? e : relabel(e, label);
		}
		List<Problem> problems = new ArrayList<>(ModelValidator.check(process, ""));
		String name = process.effectiveName().orElse(baseName(file));
		stack.add(file);
		List<String> resolved = new ArrayList<>();
		for (int i = 0; i < process.dependencies().size(); i++) {
			String at = Pointers.child("/dependencies", i);
			Path dependency = dependencyFile(file, process.dependencies().get(i));
			if (!Files.isRegularFile(dependency)) {
				problems.add(new Problem(at, label + "no managed-process file at " + dependency));
				continue;
			}
			if (stack.contains(dependency)) {
				problems.add(new Problem(at, label + "dependency cycle through " + dependency));
				continue;
			}
			resolved.add(load(dependency, closure, done, stack, false));
		}
		stack.remove(stack.size() - 1);
		if (!problems.isEmpty()) {
			throw root ? new ModelException(problems) : relabel(new ModelException(problems), label);
		}
		if (closure.containsKey(name)) {
			throw new ModelException("", label + "two processes are named " + name);
		}
		ManagedProcess withNames = process.withDependencies(resolved);
		closure.put(name, Instance.of(process.instanceName().isPresent() ? withNames : withNames.withInstanceName(name)));
		done.put(file, name);
		return name;
	}

	private static Path dependencyFile(Path from, String dependency) {
		Path path = from.getParent().resolve(dependency).normalize();
		if (Files.isDirectory(path)) {
			String base = path.getFileName().toString();
			String name = STORE_HASH_PREFIX.matcher(base).find() ? base.substring(33) : base;
			return path.resolve(name + ".json");
		}
		if (!Files.exists(path) && ModelValidator.NAME.matcher(dependency).matches()) {
			// a name, as nixproc's Nix library writes a dependency: the JSON beside, or in a sibling directory laid
			// out as the seed's store paths are (<name>/<name>.json next to this file's directory)
			Path beside = from.getParent().resolve(dependency + ".json");
			Path sibling = from.getParent().resolveSibling(dependency).resolve(dependency + ".json");
			return Files.isRegularFile(beside) || !Files.isRegularFile(sibling) ? beside : sibling;
		}
		return path;
	}

	private static String baseName(Path file) {
		String base = file.getFileName().toString();
		int dot = base.lastIndexOf('.');
		return dot > 0 ? base.substring(0, dot) : base;
	}

	private static ModelException relabel(ModelException e, String label) {
		return new ModelException(e.problems()
			.stream()
			.map(p -> p.message().startsWith(label) ? p : new Problem(p.pointer(), label + p.message()))
			.toList());
	}

	private static Instance toInstance(String key, JsonNode node, String at) {
		if (!node.isObject()) {
			throw new ModelException(at, "an instance is an object with pkg, requiresUniqueIdsFor and free properties");
		}
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		List<String> ids = new ArrayList<>();
		ManagedProcess pkg = null;
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			switch (field.getKey()) {
				case "pkg" -> pkg = bind(JSON, field.getValue(), Pointers.child(at, "pkg"));
				case "requiresUniqueIdsFor" -> {
					String idsAt = Pointers.child(at, "requiresUniqueIdsFor");
					if (!field.getValue().isArray()) {
						throw new ModelException(idsAt, "must be a list of ID pool names");
					}
					for (JsonNode pool : field.getValue()) {
						ids.add(pool.asString());
					}
				}
				default -> properties.put(field.getKey(), field.getValue());
			}
		}
		if (pkg == null) {
			throw new ModelException(Pointers.child(at, "pkg"), "missing: every instance needs its managed process");
		}
		if (pkg.instanceName().isEmpty()) {
			pkg = pkg.withInstanceName(key);
		}
		return new Instance(properties, ids, pkg);
	}

	private static JsonNode parse(String text, ObjectMapper mapper, String at) {
		try {
			return mapper.readTree(text);
		}
		catch (JacksonException e) {
			throw new ModelException(at, "not valid " + (mapper == YAML ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
		}
	}

	private static ManagedProcess bind(ObjectMapper mapper, JsonNode node, String at) {
		if (!node.isObject()) {
			throw new ModelException(at, "a managed process is an object");
		}
		try {
			return mapper.treeToValue(node, ManagedProcess.class);
		}
		catch (UnrecognizedPropertyException e) {
			throw new ModelException(Pointers.of(at, e.getPath()), "not a managed-process field");
		}
		catch (JacksonException e) {
			throw new ModelException(Pointers.of(at, e.getPath()), "wrong type: " + e.getOriginalMessage());
		}
	}

	private static boolean isYaml(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(".yaml") || name.endsWith(".yml");
	}

	private static String readText(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new ModelException("", "cannot read " + file + ": " + e.getMessage());
		}
	}

}

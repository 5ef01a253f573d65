package nixproc.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.model.ModelException;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.model.RelativePrograms;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a model set (api.md): {@code { services, infrastructure, distribution, idResources?, message? }} where each
 * model is a JSON object or {@code { "format": "json"|"yaml"|"nix", "text": "…" }}. Nix models are evaluated
 * together by {@link DisnixEvaluation}, because Disnix's distribution is a function of the infrastructure and the
 * services a function of the distribution. Reading binds to records and reports every shape problem it finds;
 * {@link DeploymentValidator} then checks the rules between the models. Pointers start at the model set, e.g.
 * {@code /services/web/pkg/nice}, also for models given as text.
 */
public final class DeploymentReader {

	private DeploymentReader() {
	}

	/** Reads, binds and validates; throws a {@link ModelException} with every problem. */
	public static DeploymentModel readValid(JsonNode modelSet, NixEvaluator nix) {
		return readValid(modelSet, nix, NixFiles.NONE);
	}

	/** @param files where the Nix models of the set were read from: they are evaluated there (see readValidFiles) */
	private static DeploymentModel readValid(JsonNode modelSet, NixEvaluator nix, NixFiles files) {
		Trees trees = trees(modelSet, nix, files);
		DeploymentModel model = Binder.bind(trees.trees(), trees.problems());
		List<Problem> problems = DeploymentValidator.check(model);
		if (!problems.isEmpty()) {
			JsonNode distribution = trees.trees().get(Part.DISTRIBUTION);
			throw new ModelException(problems.stream().map(p -> advancedForm(p, distribution)).toList());
		}
		return model;
	}

	/**
	 * The validator sees mappings as one list per service; where the input used Disnix's advanced form
	 * ({@code {targets: [...]}}) the pointer gains the {@code /targets} it had in the input.
	 */
	private static Problem advancedForm(Problem problem, @Nullable JsonNode distribution) {
		String pointer = problem.pointer();
		if (!pointer.startsWith("/distribution/")) {
			return problem;
		}
		String rest = pointer.substring("/distribution/".length());
		int slash = rest.indexOf('/');
		if (slash < 0) {
			return problem;
		}
		String service = rest.substring(0, slash).replace("~1", "/").replace("~0", "~");
		JsonNode entry = distribution == null ? null : distribution.get(service);
		return entry != null && entry.isObject()
				? new Problem("/distribution/" + rest.substring(0, slash) + "/targets" + rest.substring(slash), problem.message())
				: problem;
	}

	/** Reads the model set's JSON text (a request body), within {@link Limits}. */
	public static DeploymentModel readValid(String modelSetJson, NixEvaluator nix) {
		return readValid(parseModelSet(modelSetJson), nix);
	}

	/** The model set's JSON text as a tree, within {@link Limits}, for callers that need its other fields too. */
	public static JsonNode parseModelSet(String modelSetJson) {
		return Documents.parse(modelSetJson, Format.JSON, "");
	}

	/**
	 * Reads models from files, their format chosen by extension, as the CLI does. A Nix model is evaluated where it
	 * lies, so that its path literals ({@code ../webapp/webapp}) name the files beside it, as YAML and JSON models'
	 * relative programs do ({@link nixproc.model.RelativePrograms}); a model sent as text has no such place.
	 */
	public static DeploymentModel readValidFiles(Path services, Path infrastructure, Path distribution,
			Optional<Path> idResources, NixEvaluator nix) {
		return readValidFiles(services, infrastructure, distribution, idResources, nix, Optional.empty());
	}

	/**
	 * As {@link #readValidFiles(Path, Path, Path, Optional, NixEvaluator)}; the Nix models may read files below
	 * {@code modelRoot} ({@code --model-root}; by default each its own working copy's root, see {@link ModelRoot}).
	 * @throws IllegalArgumentException when {@code modelRoot} does not contain a Nix model
	 */
	public static DeploymentModel readValidFiles(Path services, Path infrastructure, Path distribution,
			Optional<Path> idResources, NixEvaluator nix, Optional<Path> modelRoot) {
		Map<Part, Path> files = new EnumMap<>(Part.class);
		files.put(Part.SERVICES, services);
		files.put(Part.INFRASTRUCTURE, infrastructure);
		files.put(Part.DISTRIBUTION, distribution);
		idResources.ifPresent(file -> files.put(Part.ID_RESOURCES, file));
		files.values().removeIf(file -> Format.of(file) != Format.NIX);
		Map<Part, Path> roots = new EnumMap<>(Part.class);
		files.forEach((part, file) -> roots.put(part, ModelRoot.of(file, modelRoot)));
		return readValid(modelSetOfFiles(services, infrastructure, distribution, idResources), nix, new NixFiles(files, roots));
	}

	/**
	 * The files as a model set of {@code { "format", "text" }} models, not yet evaluated or checked; every file that
	 * cannot be read is a problem at its part ({@code /services}, …).
	 */
	public static ObjectNode modelSetOfFiles(Path services, Path infrastructure, Path distribution,
			Optional<Path> idResources) {
		Map<Part, Path> files = new EnumMap<>(Part.class);
		files.put(Part.SERVICES, services);
		files.put(Part.INFRASTRUCTURE, infrastructure);
		files.put(Part.DISTRIBUTION, distribution);
		idResources.ifPresent(file -> files.put(Part.ID_RESOURCES, file));
		ObjectNode set = JsonNodeFactory.instance.objectNode();
		List<Problem> unreadable = new ArrayList<>();
		files.forEach((part, file) -> {
			try {
				set.set(part.key(), part == Part.SERVICES ? servicesModel(file) : textModel(file));
			}
			catch (IOException e) {
				unreadable.add(new Problem("/" + part.key(), "cannot read " + file + " (" + why(file, e) + ")"));
			}
		});
		if (!unreadable.isEmpty()) {
			throw new ModelException(unreadable);
		}
		return set;
	}

	private static String why(Path file, IOException e) {
		if (!Files.exists(file)) {
			return "no such file";
		}
		return Files.isDirectory(file) ? "a directory" : e.getClass().getSimpleName();
	}

	/** Reads and binds without the rules between models. */
	public static DeploymentModel read(JsonNode modelSet, NixEvaluator nix) {
		Trees trees = trees(modelSet, nix, NixFiles.NONE);
		return Binder.bind(trees.trees(), trees.problems());
	}

	/** The models as trees (Nix evaluated, text parsed) and the problems found on the way. */
	private record Trees(Map<Part, JsonNode> trees, List<Problem> problems) {
	}

	private static Trees trees(JsonNode modelSet, NixEvaluator nix, NixFiles files) {
		if (!modelSet.isObject()) {
			throw new ModelException("", "a model set is an object with services, infrastructure, distribution "
					+ "and optionally idResources and message");
		}
		List<Problem> problems = new ArrayList<>();
		for (String key : modelSet.propertyNames()) {
			if (Part.byKey(key).isEmpty() && !key.equals("message") && !key.equals("parent")) {
				problems.add(new Problem(Pointers.child("", key), "not a part of a model set; expected services, "
						+ "infrastructure, distribution, idResources, message or parent"));
			}
		}
		JsonNode message = modelSet.get("message");
		if (message != null && !message.isString()) {
			problems.add(new Problem("/message", "must be a string"));
		}
		Map<Part, JsonNode> trees = new EnumMap<>(Part.class);
		Map<Part, String> nixTexts = new EnumMap<>(Part.class);
		for (Part part : Part.values()) {
			JsonNode value = modelSet.get(part.key());
			String at = "/" + part.key();
			if (value == null || value.isNull()) {
				if (part != Part.ID_RESOURCES) {
					problems.add(new Problem(at, "missing: a model set needs the " + part.key() + " model"));
				}
				continue;
			}
			try {
				source(value, at).ifPresentOrElse(text -> {
					if (text.format() == Format.NIX) {
						nixTexts.put(part, text.text());
					}
					else {
						trees.put(part, Documents.parse(text.text(), text.format(), at));
					}
				}, () -> trees.put(part, value));
			}
			catch (ModelException e) {
				problems.addAll(e.problems());
			}
		}
		if (!nixTexts.isEmpty()) {
			if (!problems.isEmpty()) {
				// Nix evaluation takes the other models as input; with those broken its errors would only repeat them
				throw new ModelException(problems);
			}
			trees.putAll(DisnixEvaluation.evaluate(nix, nixTexts, trees, files));
		}
		trees.forEach((part, tree) -> numbers(tree, "/" + part.key(), problems));
		// binding the models that could be read finds their problems too, so one answer lists everything
		return new Trees(trees, problems);
	}

	/**
	 * The Nix models of a set given as files, and the root each may read below ({@link ModelRoot}); none for a set
	 * that came as text (a request body).
	 */
	record NixFiles(Map<Part, Path> files, Map<Part, Path> roots) {

		static final NixFiles NONE = new NixFiles(Map.of(), Map.of());

	}

	/**
	 * The models of a model set given as Nix text, as pointers to their {@code format} ({@code /services/format}):
	 * what evaluating the set would hand to {@code nix-instantiate}. Parts that are not {@code { format, text }} are
	 * left to {@link #readValid} to judge.
	 */
	public static List<String> nixParts(JsonNode modelSet) {
		List<String> parts = new ArrayList<>();
		if (modelSet.isObject()) {
			for (Part part : Part.values()) {
				JsonNode value = modelSet.get(part.key());
				if (value != null && value.isObject() && value.path("format").isString()
						&& Format.byId(value.get("format").stringValue()).equals(Optional.of(Format.NIX))) {
					parts.add("/" + part.key() + "/format");
				}
			}
		}
		return parts;
	}

	/** A model written as text, or empty when the value is the model itself. */
	private static Optional<ModelText> source(JsonNode value, String at) {
		if (!value.isObject() || !value.has("format") || !value.has("text")) {
			return Optional.empty();
		}
		if (value.size() != 2) {
			throw new ModelException(at, "a model given as text has exactly the fields format and text");
		}
		JsonNode format = value.get("format");
		JsonNode text = value.get("text");
		if (!format.isString() || Format.byId(format.stringValue()).isEmpty()) {
			throw new ModelException(at + "/format", "must be json, yaml or nix");
		}
		if (!text.isString()) {
			throw new ModelException(at + "/text", "must be a string holding the model");
		}
		return Optional.of(new ModelText(Format.byId(format.stringValue()).orElseThrow(), text.stringValue()));
	}

	/**
	 * A JSON or YAML services model parsed, its programs written relative to the file made absolute
	 * ({@link RelativePrograms}); a Nix one as text (Nix resolves its own path literals).
	 */
	private static JsonNode servicesModel(Path file) throws IOException {
		Format format = Format.of(file);
		if (format == Format.NIX) {
			return textModel(file);
		}
		JsonNode services = Documents.parse(Files.readString(file, StandardCharsets.UTF_8), format,
				"/" + Part.SERVICES.key());
		Path directory = file.toAbsolutePath().getParent();
		if (directory != null) {
			RelativePrograms.resolve(services, directory);
		}
		return services;
	}

	private static JsonNode textModel(Path file) throws IOException {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("format", Format.of(file).id());
		node.put("text", Files.readString(file, StandardCharsets.UTF_8));
		return node;
	}

	/** One model of a set, with its key in the set. */
	enum Part {

		SERVICES("services"), INFRASTRUCTURE("infrastructure"), DISTRIBUTION("distribution"),
		ID_RESOURCES("idResources");

		private final String key;

		Part(String key) {
			this.key = key;
		}

		String key() {
			return key;
		}

		static Optional<Part> byKey(String key) {
			for (Part part : values()) {
				if (part.key.equals(key)) {
					return Optional.of(part);
				}
			}
			return Optional.empty();
		}

	}

	/** A model as text in a notation. */
	record ModelText(Format format, String text) {
	}

	/** Largest integer a double, and so RFC 8785, holds exactly. */
	private static final java.math.BigInteger EXACT = java.math.BigInteger.TWO.pow(53);

	/**
	 * The canonical form writes numbers as RFC 8785 does, as doubles; a number that does not survive that would
	 * make two different models share an id, so it is refused up front.
	 */
	private static void numbers(JsonNode node, String at, List<Problem> problems) {
		if (node.isNumber()) {
			double value = node.doubleValue();
			if (!Double.isFinite(value) || node.isIntegralNumber() && node.bigIntegerValue().abs().compareTo(EXACT) > 0) {
				problems.add(new Problem(at, "the number " + node + " cannot be stored exactly; write it as a string"));
			}
		}
		else if (node.isString() && loneSurrogate(node.stringValue())) {
			// commands carrying it could not be signed (Jcs refuses it)
			problems.add(new Problem(at, "holds a lone UTF-16 surrogate, which is not text"));
		}
		else if (node.isContainer()) {
			if (node.isArray()) {
				for (int i = 0; i < node.size(); i++) {
					numbers(node.get(i), Pointers.child(at, i), problems);
				}
			}
			else {
				node.properties().forEach(e -> {
					if (loneSurrogate(e.getKey())) {
						problems.add(new Problem(Pointers.child(at, e.getKey()),
								"the name holds a lone UTF-16 surrogate, which is not text"));
					}
					numbers(e.getValue(), Pointers.child(at, e.getKey()), problems);
				});
			}
		}
	}

	private static boolean loneSurrogate(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
					return true;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	static Map<String, JsonNode> fields(JsonNode node) {
		Map<String, JsonNode> out = new LinkedHashMap<>();
		node.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
		return out;
	}

}

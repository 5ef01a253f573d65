package nixproc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
import nixproc.model.ModelException;
import nixproc.model.Problem;
import nixproc.nix.NixModelArguments;
import nixproc.nix.NixModels;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The seed's ID resources file ({@code idresources.nix}: pool → {@code { min, max, step ? 1, scope ? "global" }}),
 * in Nix, JSON or YAML. A missing {@code min}/{@code max} is 0, as in dydisnix. Every problem names its field as a
 * JSON pointer ({@code /uids/max}).
 */
final class IdResourcesFile {

	private static final ObjectMapper YAML = YAMLMapper.builder().build();

	private IdResourcesFile() {
	}

	static List<IdPool> read(Path file, NixModels nix) {
		JsonNode root = parse(file, nix);
		if (!root.isObject()) {
			throw new ModelException("", "ID resources are an object of pool name to { min, max, step, scope }");
		}
		List<IdPool> pools = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			String at = "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
			try {
				pools.add(pool(entry.getKey(), entry.getValue(), at));
			}
			catch (ModelException e) {
				problems.addAll(e.problems());
			}
		}
		if (!problems.isEmpty()) {
			throw new ModelException(problems);
		}
		return pools;
	}

	private static IdPool pool(String name, JsonNode node, String at) {
		if (!node.isObject()) {
			throw new ModelException(at, "a pool is an object { min, max, step, scope }");
		}
		for (String field : node.propertyNames()) {
			if (!List.of("min", "max", "step", "scope").contains(field)) {
				throw new ModelException(at + "/" + field, "unknown field; a pool has min, max, step and scope");
			}
		}
		long min = number(node, "min", 0, at);
		long max = number(node, "max", 0, at);
		long step = number(node, "step", 1, at);
		Scope scope;
		try {
			scope = Scope.fromModelName(Optional.ofNullable(node.get("scope")).map(JsonNode::asString).orElse("global"));
		}
		catch (IllegalArgumentException e) {
			throw new ModelException(at + "/scope", e.getMessage().substring("scope: ".length()));
		}
		try {
			return new IdPool(name, min, max, step, scope);
		}
		catch (IllegalArgumentException e) {
			// IdPool says "field: what is wrong"; the field becomes part of the pointer
			String message = e.getMessage();
			int colon = message.indexOf(": ");
			return colon < 0 ? rethrow(at, message) : rethrow(at + "/" + message.substring(0, colon), message.substring(colon + 2));
		}
	}

	private static IdPool rethrow(String at, String message) {
		throw new ModelException(at, message);
	}

	private static long number(JsonNode node, String field, long fallback, String at) {
		JsonNode value = node.get(field);
		if (value == null) {
			return fallback;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw new ModelException(at + "/" + field, "must be a whole number, not " + value);
		}
		return value.asLong();
	}

	private static JsonNode parse(Path file, NixModels nix) {
		try {
			if (NixModels.isNix(file)) {
				// a plain attribute set (or a function of nothing it needs): the directories do not matter here
				String json = nix.evaluate(file, new NixModelArguments(new Layout(StateDirs.defaults(), false),
						Optional.empty(), Optional.empty()));
				return YAML.readTree(json);
			}
			return YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new ModelException("", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
		}
		catch (JacksonException e) {
			throw new ModelException("", "not JSON or YAML: " + e.getOriginalMessage());
		}
	}

}

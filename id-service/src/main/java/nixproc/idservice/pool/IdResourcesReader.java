package nixproc.idservice.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nixproc.idassign.IdPool;
import nixproc.model.Problem;
import nixproc.network.NixEvaluator;
import nixproc.service.problem.JsonFields;
import nixproc.service.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An idresources model ({@code pool → { min, max, step?, scope? }}) from a JSON object, or from
 * {@code { "format": "json"|"yaml"|"nix", "text": "…" }}. Nix goes through the shared {@link NixEvaluator} when
 * {@code nix-instantiate} is on the PATH.
 */
final class IdResourcesReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private IdResourcesReader() {
	}

	static Map<String, IdPool> read(JsonNode body) {
		JsonNode model = body;
		if (body.has("format") && body.has("text")) {
			String format = JsonFields.string(body, "format");
			String text = JsonFields.string(body, "text");
			model = switch (format) {
				case "json" -> parse(JSON, text, "json");
				case "yaml" -> parse(YAML, text, "yaml");
				case "nix" -> parse(JSON, evaluateNix(text), "nix");
				default -> throw ProblemException.badRequest("/format", "must be json, yaml or nix, not '" + format + "'");
			};
		}
		if (model == null || !model.isObject() || model.isEmpty()) {
			throw ProblemException.badRequest("", "an idresources model is an object of pools, "
					+ "e.g. { \"webappPorts\": { \"min\": 5000, \"max\": 6000 } }");
		}
		Map<String, IdPool> pools = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : model.properties()) {
			String at = "/" + entry.getKey();
			JsonNode value = entry.getValue();
			if (!value.isObject()) {
				throw ProblemException.badRequest(at, "must be an object with min, max, step and scope");
			}
			pools.put(entry.getKey(), PoolValidation.toPool(new PoolBody(entry.getKey(), integer(value, "min", at),
					integer(value, "max", at), integer(value, "step", at), text(value, "scope", at)), entry.getKey(), at));
		}
		return pools;
	}

	private static @Nullable Long integer(JsonNode pool, String field, String at) {
		JsonNode value = pool.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw ProblemException.badRequest(at + "/" + field, "must be an integer, not " + value);
		}
		return value.longValue();
	}

	private static @Nullable String text(JsonNode pool, String field, String at) {
		JsonNode value = pool.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw ProblemException.badRequest(at + "/" + field, "must be a string, not " + value);
		}
		return value.asString();
	}

	private static JsonNode parse(tools.jackson.databind.ObjectMapper mapper, String text, String format) {
		try {
			return mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw ProblemException.badRequest("/text", "not valid " + format + ": " + ex.getOriginalMessage());
		}
	}

	/**
	 * The shared evaluator (restricted evaluation of the file's own directory only, a timeout, an output limit), as
	 * the CLI and model-service evaluate their Nix models: an idresources model is data and may read nothing else.
	 */
	private static String evaluateNix(String text) {
		NixEvaluator nix = NixEvaluator.fromPath();
		if (!nix.available()) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT,
					"Nix models need nix-instantiate on the PATH of id-service; install Nix or send json or yaml",
					List.of(new Problem("/format", "nix-instantiate is not available")));
		}
		@Nullable Path dir = null;
		try {
			dir = Files.createTempDirectory("idresources");
			Path file = Files.writeString(dir.resolve("idresources.nix"), text);
			NixEvaluator.Result result = nix.evaluate(file);
			if (result instanceof NixEvaluator.Failed failed) {
				throw ProblemException.badRequest("/text", "Nix evaluation failed: " + failed.message());
			}
			return ((NixEvaluator.Json) result).text();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (dir != null) {
				try {
					Files.deleteIfExists(dir.resolve("idresources.nix"));
					Files.deleteIfExists(dir);
				}
				catch (IOException ex) {
					// a temporary file left behind costs nothing worth failing the request for
				}
			}
		}
	}

}

package nixproc.ids.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nixproc.ids.IdPool;
import nixproc.service.problem.FieldProblem;
import nixproc.service.problem.JsonFields;
import nixproc.service.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An idresources model ({@code pool → { min, max, step?, scope? }}) from a JSON object, or from
 * {@code { "format": "json"|"yaml"|"nix", "text": "…" }}. Nix is evaluated by {@code nix-instantiate --eval --strict
 * --json}, with a timeout, when it is on the PATH.
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

	private static String evaluateNix(String text) {
		@Nullable Path file = null;
		try {
			file = Files.createTempFile("idresources", ".nix");
			Files.writeString(file, text);
			Process process = new ProcessBuilder(List.of("nix-instantiate", "--eval", "--strict", "--json", file.toString()))
				.redirectErrorStream(false)
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw ProblemException.badRequest("/text", "nix-instantiate did not finish within 30 s");
			}
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw ProblemException.badRequest("/text", "Nix evaluation failed: " + err.strip());
			}
			return out;
		}
		catch (IOException ex) {
			throw new ProblemException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
					"Nix models need nix-instantiate on the PATH of id-service; install Nix or send json or yaml",
					List.of(new FieldProblem("/format", "nix-instantiate is not available")));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while evaluating Nix", ex);
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// a temporary file left behind costs nothing worth failing the request for
				}
			}
		}
	}

}

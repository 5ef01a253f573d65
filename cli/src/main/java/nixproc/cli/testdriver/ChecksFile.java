package nixproc.cli.testdriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nixproc.model.ModelException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@link Checks} from YAML or JSON:
 * <pre>
 * timeout: 20                    # seconds, per command
 * initialTests: [ "…" ]
 * readiness: [ "…" ]             # a list: for every instance; or { "*": [ … ], nginx: [ … ] }
 * tests: { nginx: [ "curl -sf -H 'Host: webapp1.local' http://127.0.0.1:$port/" ] }
 * postTests: [ "…" ]
 * </pre>
 * Problems name their field as a JSON pointer.
 */
public final class ChecksFile {

	private static final ObjectMapper YAML = YAMLMapper.builder().build();

	private ChecksFile() {
	}

	public static Checks read(Path file) {
		JsonNode root;
		try {
			root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new ModelException("", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
		}
		catch (JacksonException e) {
			throw new ModelException("", "not JSON or YAML: " + e.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new ModelException("", "checks are an object with initialTests, readiness, tests, postTests and timeout");
		}
		for (String field : root.propertyNames()) {
			if (!List.of("timeout", "initialTests", "readiness", "tests", "postTests").contains(field)) {
				throw new ModelException("/" + field, "unknown field; checks have initialTests, readiness, tests, postTests and timeout");
			}
		}
		Duration timeout = Checks.DEFAULT_TIMEOUT;
		JsonNode seconds = root.get("timeout");
		if (seconds != null) {
			if (!seconds.isIntegralNumber() || seconds.asLong() < 1 || seconds.asLong() > 3600) {
				throw new ModelException("/timeout", "must be a whole number of seconds between 1 and 3600");
			}
			timeout = Duration.ofSeconds(seconds.asLong());
		}
		return new Checks(commands(root.get("initialTests"), "/initialTests"), perInstance(root.get("readiness"), "/readiness"),
				perInstance(root.get("tests"), "/tests"), commands(root.get("postTests"), "/postTests"), timeout);
	}

	private static Map<String, List<String>> perInstance(JsonNode node, String at) {
		Map<String, List<String>> out = new TreeMap<>();
		if (node == null) {
			return out;
		}
		if (node.isArray()) {
			out.put(Checks.EVERY_INSTANCE, commands(node, at));
			return out;
		}
		if (!node.isObject()) {
			throw new ModelException(at, "a list of commands for every instance, or an object of instance name (or *) to commands");
		}
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			out.put(entry.getKey(), commands(entry.getValue(), at + "/" + entry.getKey().replace("~", "~0").replace("/", "~1")));
		}
		return out;
	}

	private static List<String> commands(JsonNode node, String at) {
		List<String> out = new ArrayList<>();
		if (node == null) {
			return out;
		}
		if (node.isString()) {
			out.add(node.asString());
			return out;
		}
		if (!node.isArray()) {
			throw new ModelException(at, "must be a shell command or a list of them");
		}
		for (int i = 0; i < node.size(); i++) {
			if (!node.get(i).isString() || node.get(i).asString().isBlank()) {
				throw new ModelException(at + "/" + i, "must be a shell command (a non-empty string)");
			}
			out.add(node.get(i).asString());
		}
		return out;
	}

}

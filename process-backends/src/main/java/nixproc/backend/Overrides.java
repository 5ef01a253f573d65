package nixproc.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.model.BackendKind;
import nixproc.model.ModelException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code overrides.<backend>}: the seed's {@code lib.recursiveUpdate} of the generated parameters (reference §1.3)
 * with one addition, since JSON has no functions to replace the seed's function overrides: a {@code null} value
 * removes the key. A backend keeps its parameters in a record, so an override naming a parameter the backend does
 * not have is an error rather than ignored.
 */
public final class Overrides {

	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private Overrides() {
	}

	/** Deep merge: objects merge key by key, anything else replaces, {@code null} removes. Inputs are not changed. */
	public static ObjectNode merge(ObjectNode base, ObjectNode override) {
		ObjectNode result = base.deepCopy();
		for (Map.Entry<String, JsonNode> entry : override.properties()) {
			JsonNode value = entry.getValue();
			JsonNode existing = result.get(entry.getKey());
			if (value.isNull()) {
				result.remove(entry.getKey());
			}
			else if (value.isObject() && existing != null && existing.isObject()) {
				result.set(entry.getKey(), merge((ObjectNode) existing, (ObjectNode) value));
			}
			else {
				result.set(entry.getKey(), value.deepCopy());
			}
		}
		return result;
	}

	/** A backend's parameter record in the JSON form overrides address. */
	public static ObjectNode tree(Record parameters) {
		return MAPPER.valueToTree(parameters);
	}

	/**
	 * Applies an override to a backend's parameter record: record → JSON → {@link #merge} → record.
	 * @throws ModelException pointing at {@code /overrides/<backend>/<key>} when the merged parameters do not bind
	 */
	public static <T extends Record> T apply(T parameters, Optional<ObjectNode> override, BackendKind backend,
			Class<T> type) {
		if (override.isEmpty()) {
			return parameters;
		}
		ObjectNode merged = merge(MAPPER.valueToTree(parameters), override.get());
		try {
			return MAPPER.treeToValue(merged, type);
		}
		catch (JacksonException e) {
			List<String> tokens = new ArrayList<>();
			e.getPath().forEach(r -> tokens.add(r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex())));
			throw new ModelException("/overrides/" + backend.id() + (tokens.isEmpty() ? "" : "/" + String.join("/", tokens)),
					"cannot apply override: " + e.getOriginalMessage());
		}
	}

}

package nixproc.idassign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON to and from the plain tree (maps, lists, longs, strings) that {@link IdsFiles} maps. */
final class JsonText {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private JsonText() {
	}

	static String write(Map<String, Object> tree) {
		return MAPPER.writeValueAsString(tree) + "\n";
	}

	static Object parse(String text) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			TokenStreamLocation at = ex.getLocation();
			throw new IdsFormatException("not JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
					+ at.getColumnNr()) + ": " + ex.getOriginalMessage());
		}
		if (node == null || node.isMissingNode()) {
			throw new IdsFormatException("not JSON: the text is empty");
		}
		return plain(node);
	}

	private static Object plain(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			node.properties().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>();
			node.values().forEach(item -> list.add(plain(item)));
			return list;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		return node.toString();
	}

}

package nixproc.backend.launchd;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nixproc.escape.PlistXml;
import tools.jackson.databind.JsonNode;

/** Renders an XML property list: dictionaries (keys sorted, as the seed's), arrays, strings, integers, booleans. */
final class Plist {

	private final StringBuilder out = new StringBuilder();

	static String render(Map<String, Object> root) {
		Plist plist = new Plist();
		plist.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
			.append("<plist version=\"1.0\">\n");
		plist.value(root, 0);
		plist.out.append("</plist>\n");
		return plist.out.toString();
	}

	private void value(Object value, int depth) {
		String indent = "\t".repeat(depth);
		if (value instanceof Map<?, ?> map) {
			out.append(indent).append("<dict>\n");
			new TreeMap<>(map).forEach((key, item) -> {
				out.append(indent).append("\t<key>").append(PlistXml.text(String.valueOf(key))).append("</key>\n");
				value(item, depth + 1);
			});
			out.append(indent).append("</dict>\n");
		}
		else if (value instanceof List<?> list) {
			out.append(indent).append("<array>\n");
			list.forEach(item -> value(item, depth + 1));
			out.append(indent).append("</array>\n");
		}
		else if (value instanceof Boolean bool) {
			out.append(indent).append(bool ? "<true/>" : "<false/>").append('\n');
		}
		else if (value instanceof Integer || value instanceof Long) {
			out.append(indent).append("<integer>").append(value).append("</integer>\n");
		}
		else if (value instanceof JsonNode node) {
			value(plain(node), depth);
		}
		else {
			out.append(indent).append("<string>").append(PlistXml.text(String.valueOf(value))).append("</string>\n");
		}
	}

	/** An override's JSON value as the plain Java value it stands for. */
	private static Object plain(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new TreeMap<>();
			node.properties().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new java.util.ArrayList<>();
			node.values().forEach(item -> list.add(plain(item)));
			return list;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.longValue();
		}
		return node.asString();
	}

}

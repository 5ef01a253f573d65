package nixproc.idassign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of the Nix language an ids file uses: attribute sets with plain or quoted names, integers, strings and
 * lists, with comments. No evaluation: {@code nixproc-id-assign} wrote literals only, and reading a file must not
 * run code.
 */
final class NixText {

	private final String text;

	private int pos;

	private NixText(String text) {
		this.text = text;
	}

	static Object parse(String text) {
		NixText parser = new NixText(text);
		parser.skipBlanks();
		Object value = parser.value();
		parser.skipBlanks();
		if (parser.pos < text.length()) {
			throw parser.error("expected the end of the file");
		}
		return value;
	}

	static String write(Map<String, Object> tree) {
		StringBuilder out = new StringBuilder();
		writeValue(tree, out, "");
		return out.append('\n').toString();
	}

	private static void writeValue(Object value, StringBuilder out, String indent) {
		if (value instanceof Map<?, ?> map) {
			out.append("{\n");
			map.forEach((key, inner) -> {
				out.append(indent).append("  ").append(quote(String.valueOf(key))).append(" = ");
				writeValue(inner, out, indent + "  ");
				out.append(";\n");
			});
			out.append(indent).append('}');
		}
		else if (value instanceof Collection<?> list) {
			out.append('[');
			list.forEach(item -> out.append(' ').append(quote(String.valueOf(item))));
			out.append(" ]");
		}
		else {
			out.append(value);
		}
	}

	private static String quote(String s) {
		return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${").replace("\n", "\\n")
			.replace("\t", "\\t").replace("\r", "\\r") + '"';
	}

	private Object value() {
		if (pos >= text.length()) {
			throw error("expected a value");
		}
		char c = text.charAt(pos);
		if (c == '{') {
			return attributeSet();
		}
		if (c == '[') {
			return list();
		}
		if (c == '"') {
			return string();
		}
		if (c == '-' || Character.isDigit(c)) {
			return integer();
		}
		throw error("expected an attribute set, a list, a string or an integer");
	}

	private Map<String, Object> attributeSet() {
		expect('{');
		Map<String, Object> map = new LinkedHashMap<>();
		skipBlanks();
		while (!peek('}')) {
			int keyAt = pos;
			String key = peek('"') ? string() : identifier();
			skipBlanks();
			expect('=');
			skipBlanks();
			Object value = value();
			skipBlanks();
			expect(';');
			skipBlanks();
			if (map.put(key, value) != null) {
				pos = keyAt;
				throw error("attribute '" + key + "' is defined twice");
			}
		}
		expect('}');
		return map;
	}

	private List<Object> list() {
		expect('[');
		List<Object> list = new ArrayList<>();
		skipBlanks();
		while (!peek(']')) {
			list.add(value());
			skipBlanks();
		}
		expect(']');
		return list;
	}

	private String identifier() {
		int start = pos;
		while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_'-".indexOf(text.charAt(pos)) >= 0)) {
			pos++;
		}
		if (start == pos || Character.isDigit(text.charAt(start))) {
			pos = start;
			throw error("expected an attribute name");
		}
		return text.substring(start, pos);
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (pos < text.length() && text.charAt(pos) != '"') {
			char c = text.charAt(pos++);
			if (c == '\\' && pos < text.length()) {
				char e = text.charAt(pos++);
				out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
			}
			else if (c == '$' && peek('{')) {
				pos--;
				throw error("string interpolation is not allowed in an ids file");
			}
			else {
				out.append(c);
			}
		}
		expect('"');
		return out.toString();
	}

	private Long integer() {
		int start = pos;
		if (peek('-')) {
			pos++;
		}
		while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
			pos++;
		}
		try {
			return Long.parseLong(text.substring(start, pos));
		}
		catch (NumberFormatException ex) {
			pos = start;
			throw error("expected an integer");
		}
	}

	private void skipBlanks() {
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (Character.isWhitespace(c)) {
				pos++;
			}
			else if (c == '#') {
				while (pos < text.length() && text.charAt(pos) != '\n') {
					pos++;
				}
			}
			else if (text.startsWith("/*", pos)) {
				int end = text.indexOf("*/", pos + 2);
				if (end < 0) {
					throw error("unterminated comment");
				}
				pos = end + 2;
			}
			else {
				return;
			}
		}
	}

	private boolean peek(char c) {
		return pos < text.length() && text.charAt(pos) == c;
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw error("expected '" + c + "'");
		}
		pos++;
	}

	private IdsFormatException error(String message) {
		int line = 1;
		int column = 1;
		for (int i = 0; i < pos && i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				line++;
				column = 1;
			}
			else {
				column++;
			}
		}
		String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end of the file";
		return new IdsFormatException("not an ids.nix file at line " + line + ", column " + column + ": " + message
				+ ", found " + found);
	}

}

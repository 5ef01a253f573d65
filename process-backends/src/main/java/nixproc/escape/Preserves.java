package nixproc.escape;

/** Preserves text syntax (synit's {@code .pr} files): strings and symbols. */
public final class Preserves {

	private Preserves() {
	}

	/** A string literal; the escapes are JSON's, which Preserves text shares. */
	public static String string(String value) {
		return "\"" + escape(value, '"') + "\"";
	}

	/** A symbol, always in the {@code |...|} form so any text is allowed. */
	public static String symbol(String value) {
		return "|" + escape(value, '|') + "|";
	}

	private static String escape(String value, char delimiter) {
		StringBuilder out = new StringBuilder(value.length() + 2);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == delimiter || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c == '\n') {
				out.append("\\n");
			}
			else if (c == '\t') {
				out.append("\\t");
			}
			else if (c == '\r') {
				out.append("\\r");
			}
			else if (c < 0x20 || c == 0x7f) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
